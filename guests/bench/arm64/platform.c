/* What differs between Septum and Xen, from the device tree each one writes
 * for its guest: who the hypervisor is, where the UART and the GIC are. */
#include <septum/errno.h>
#include "bench/bench.h"
#include "xen.h"

/* Returns Xen's version (major << 16 | minor); Septum refuses the
 * immediate with SMCCC_NOT_SUPPORTED (-1). */
static int64_t xen_version(void)
{
    register uint64_t x0 __asm__("x0") = XENVER_VERSION;
    register uint64_t x1 __asm__("x1") = 0;
    register uint64_t x16 __asm__("x16") = XEN_HC_XEN_VERSION;

    __asm__ volatile("hvc #%[tag]"
                     : "+r"(x0), "+r"(x1), "+r"(x16)
                     : [tag] "i"(XEN_HYPERCALL_TAG)
                     : "x2", "x3", "x4", "x5", "memory");
    return (int64_t)x0;
}

/* The index-th reg entry of the first node compatible with compatible,
 * read with the root's cell counts (both hypervisors put these devices
 * directly under the root). */
static int node_reg(const struct fdt *fdt, const char *compatible, int index, uintptr_t *base)
{
    int root = fdt_root(fdt);
    int node = fdt_find_compatible(fdt, -1, compatible);
    uint64_t address, size;

    if (node < 0 || fdt_reg(fdt, node, fdt_address_cells(fdt, root), fdt_size_cells(fdt, root),
                            index, &address, &size))
        return -ENOENT;
    *base = (uintptr_t)address;
    return 0;
}

int platform_discover(const struct fdt *fdt, struct platform *p)
{
    if (fdt_find_compatible(fdt, -1, "septum,hypervisor") >= 0)
        p->hyp = HYP_SEPTUM;
    else if (xen_version() > 0)
        p->hyp = HYP_XEN;
    else
        return -ENOENT;
    if (node_reg(fdt, "arm,pl011", 0, &p->uart) && node_reg(fdt, "arm,sbsa-uart", 0, &p->uart))
        return -ENOENT;
    if (node_reg(fdt, "arm,gic-v3", 0, &p->intc) || node_reg(fdt, "arm,gic-v3", 1, &p->intc_cpu))
        return -ENOENT;
    return 0;
}
