/* riscv64: Septum's device tree names it; without it the guest runs on
 * bare QEMU and firmware (HYP_NONE), to try the paths themselves. */
#include <septum/errno.h>
#include "bench/bench.h"

static int node_reg(const struct fdt *fdt, const char *compatible, uintptr_t *base)
{
    int root = fdt_root(fdt);
    int node = fdt_find_compatible(fdt, -1, compatible);
    uint64_t address, size;

    if (node < 0 || fdt_reg(fdt, node, fdt_address_cells(fdt, root), fdt_size_cells(fdt, root), 0,
                            &address, &size))
        return -ENOENT;
    *base = (uintptr_t)address;
    return 0;
}

int platform_discover(const struct fdt *fdt, struct platform *p)
{
    p->hyp = fdt_find_compatible(fdt, -1, "septum,hypervisor") >= 0 ? HYP_SEPTUM : HYP_NONE;
    p->intc_cpu = 0;
    if (node_reg(fdt, "ns16550a", &p->uart))
        return -ENOENT;
    if (node_reg(fdt, "riscv,plic0", &p->intc) && node_reg(fdt, "sifive,plic-1.0.0", &p->intc))
        return -ENOENT;
    return 0;
}
