/* The device tree a domain boots with, generated with libfdt: the same
 * nodes as the hypervisor's standard one (hypervisor/core/guest_fdt.c), from a
 * domain's configuration, plus where its initramfs lies. */
#ifndef SEPTUM_XML_GUEST_DTB_H
#define SEPTUM_XML_GUEST_DTB_H

#include <stddef.h>
#include <stdint.h>

#include "public/septum.h"

struct guest_dtb_params {
    uint64_t mem_base, mem_size;
    uint32_t nr_vcpus;
    const char *cmdline;
    uint64_t initrd_start, initrd_size;  /* size 0: no initramfs */
    const struct septum_shm_attach *shm; /* its shared-memory regions */
    unsigned nr_shm;
};

/* Writes the device tree into buf (cap bytes). Returns its size, or
 * -ENOSPC if it does not fit. */
int guest_dtb_build(const struct guest_dtb_params *p, void *buf, size_t cap);

/* Fits a device tree of the user's own, len bytes in buf (cap bytes), to
 * the domain: its /memory and /chosen (bootargs, initramfs). Returns the
 * new size, -EINVAL if buf holds no valid device tree, or -ENOSPC. */
int guest_dtb_adapt(const struct guest_dtb_params *p, void *buf, size_t len, size_t cap);

/* A passed-through device's node: the machine's (host_node in host_fdt)
 * with its registers where the domain sees them, its interrupts the
 * domain's (virtual INTIDs, the machine's trigger flags) from the guest's
 * GIC, and its clocks the guest's fixed clock. */
#define GUEST_DTB_DEVICE_MAX 4
struct guest_dtb_device {
    int host_node;
    uint64_t ipa[GUEST_DTB_DEVICE_MAX], size[GUEST_DTB_DEVICE_MAX];
    size_t nr_regs;
    uint32_t virq[GUEST_DTB_DEVICE_MAX];
    size_t nr_irqs;
};

/* Adds the device's node to the device tree in buf (cap bytes). Returns
 * the new size, -EEXIST if the tree has a node of that name (its own
 * device at that address), -EINVAL or -ENOSPC. */
int guest_dtb_add_device(void *buf, size_t cap, const void *host_fdt,
                         const struct guest_dtb_device *dev);

#endif
