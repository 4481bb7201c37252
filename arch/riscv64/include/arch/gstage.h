/* G-stage translation (the core's stage 2, septum/stage2.h): the
 * descriptor format (arch_stage2) and the register that selects the
 * tables. Sv39x4: 41-bit guest physical addresses, a 16 KiB root. */
#ifndef ARCH_GSTAGE_H
#define ARCH_GSTAGE_H

#include <stdint.h>
#include <septum/config.h>
#include <septum/stage2.h>

/* The hgatp value that selects these tables: Sv39x4, VMID, root PPN. */
uint64_t gstage_hgatp(const struct stage2 *s2);

#endif
