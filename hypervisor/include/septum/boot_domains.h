/* Boot-time domains, as Xen's dom0less: described in the device tree's
 * /chosen node by the boot loader (see README, "Boot-time domains"). */
#ifndef SEPTUM_BOOT_DOMAINS_H
#define SEPTUM_BOOT_DOMAINS_H

#include <septum/fdt.h>
#include <septum/ranges.h>

/* Takes every boot module's memory out of the pool before anything is
 * allocated from it, but for modules in place (boot_module_in_place()),
 * which are taken with their domain's RAM. */
int boot_modules_reserve(const struct fdt *fdt, struct range_pool *pool);
/* Creates and starts every domain described; returns how many started. */
int boot_domains_start(const struct fdt *fdt);

#endif
