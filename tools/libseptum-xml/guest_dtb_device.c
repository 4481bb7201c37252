/* A passed-through device's node in a guest's device tree: copied from the
 * machine's, as Xen's dom0less partial device trees are written by hand,
 * with what points into the machine rewritten for the domain. */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "guest_dtb.h"

#define PHANDLE_GIC 1u   /* guest_dtb.c's */
#define PHANDLE_CLOCK 2u /* guest_dtb.c's 24 MHz fixed clock, as QEMU virt's */
#define GIC_SPI 0u
#define SPI_BASE 32u
#define IRQ_LEVEL_HIGH 4u

/* Properties that point into the machine, or that the guest gets anew. */
static bool rewritten(const char *name)
{
    static const char *const names[] = {"reg",     "interrupts",    "interrupt-parent",
                                        "phandle", "linux,phandle", "clocks"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static int copy_properties(void *fdt, int node, const void *host, int host_node)
{
    int prop, rc = 0;

    fdt_for_each_property_offset(prop, host, host_node)
    {
        const char *name;
        int len;
        const void *val = fdt_getprop_by_offset(host, prop, &name, &len);

        if (!val || rewritten(name))
            continue;
        rc = fdt_setprop(fdt, node, name, val, len);
        if (rc < 0)
            return rc;
    }
    /* A clock of the machine's becomes the guest's own, one per cell. */
    {
        int len;
        const fdt32_t *clocks = fdt_getprop(host, host_node, "clocks", &len);

        for (int i = 0; clocks && rc >= 0 && i < len / 4; i++)
            rc = i == 0 ? fdt_setprop_u32(fdt, node, "clocks", PHANDLE_CLOCK)
                        : fdt_appendprop_u32(fdt, node, "clocks", PHANDLE_CLOCK);
    }
    return rc;
}

static int set_regs(void *fdt, int node, const struct guest_dtb_device *dev)
{
    fdt32_t reg[4 * GUEST_DTB_DEVICE_MAX];

    for (size_t i = 0; i < dev->nr_regs; i++) {
        reg[4 * i] = cpu_to_fdt32((uint32_t)(dev->ipa[i] >> 32));
        reg[4 * i + 1] = cpu_to_fdt32((uint32_t)dev->ipa[i]);
        reg[4 * i + 2] = cpu_to_fdt32((uint32_t)(dev->size[i] >> 32));
        reg[4 * i + 3] = cpu_to_fdt32((uint32_t)dev->size[i]);
    }
    return fdt_setprop(fdt, node, "reg", reg, (int)(dev->nr_regs * 4 * sizeof(reg[0])));
}

/* The guest's INTIDs, each with the machine's trigger flags for it. */
static int set_irqs(void *fdt, int node, const void *host, int host_node,
                    const struct guest_dtb_device *dev)
{
    fdt32_t irq[3 * GUEST_DTB_DEVICE_MAX];
    int len, rc;
    const fdt32_t *host_irq = fdt_getprop(host, host_node, "interrupts", &len);

    if (!dev->nr_irqs)
        return 0;
    for (size_t i = 0; i < dev->nr_irqs; i++) {
        bool known = host_irq && (int)(3 * i + 3) <= len / 4;

        irq[3 * i] = cpu_to_fdt32(GIC_SPI);
        irq[3 * i + 1] = cpu_to_fdt32(dev->virq[i] - SPI_BASE);
        irq[3 * i + 2] = known ? host_irq[3 * i + 2] : cpu_to_fdt32(IRQ_LEVEL_HIGH);
    }
    rc = fdt_setprop(fdt, node, "interrupts", irq, (int)(dev->nr_irqs * 3 * sizeof(irq[0])));
    if (rc >= 0)
        rc = fdt_setprop_u32(fdt, node, "interrupt-parent", PHANDLE_GIC);
    return rc;
}

int guest_dtb_add_device(void *buf, size_t cap, const void *host,
                         const struct guest_dtb_device *dev)
{
    const char *host_name = fdt_get_name(host, dev->host_node, NULL);
    size_t stem = host_name ? strcspn(host_name, "@") : 0;
    char name[96];
    int node, rc;

    if (!host_name || dev->nr_regs == 0 || dev->nr_regs > GUEST_DTB_DEVICE_MAX ||
        dev->nr_irqs > GUEST_DTB_DEVICE_MAX)
        return -EINVAL;
    snprintf(name, sizeof(name), "%.*s@%llx", (int)stem, host_name,
             (unsigned long long)dev->ipa[0]);
    rc = fdt_open_into(buf, buf, (int)cap);
    node = rc < 0 ? rc : fdt_add_subnode(buf, 0, name);
    rc = node;
    if (rc >= 0)
        rc = copy_properties(buf, node, host, dev->host_node);
    if (rc >= 0)
        rc = set_regs(buf, node, dev);
    if (rc >= 0)
        rc = set_irqs(buf, node, host, dev->host_node, dev);
    if (rc >= 0)
        rc = fdt_pack(buf);
    if (rc == -FDT_ERR_NOSPACE || rc == -FDT_ERR_EXISTS)
        return rc == -FDT_ERR_NOSPACE ? -ENOSPC : -EEXIST;
    if (rc < 0)
        return -EINVAL;
    return (int)fdt_totalsize(buf);
}
