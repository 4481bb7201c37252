/* What the guests read from the device tree their loader passes. */
#ifndef GUEST_DTB_H
#define GUEST_DTB_H

#include <stdint.h>
#include <septum/fdt.h>

/* Validates the blob at the boot address; returns 0 or -EINVAL. */
int dtb_open(struct fdt *fdt, const void *blob);

/* /chosen bootargs, or "" when there is none. */
const char *dtb_bootargs(const struct fdt *fdt);

/* The index-th RAM bank over all device_type = "memory" nodes; returns 0 or
 * -ENOENT past the last one. */
int dtb_memory_bank(const struct fdt *fdt, unsigned index, uint64_t *base, uint64_t *size);

/* Fills ids[] with the reg (the hardware id: MPIDR affinity, hart id) of
 * each /cpus child whose device_type is "cpu", in tree order. Returns the number of CPUs, -ENOENT
 * when there is none, or -E2BIG when there are more than max. */
int dtb_cpu_ids(const struct fdt *fdt, uint64_t *ids, unsigned max);

#endif
