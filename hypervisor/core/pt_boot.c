/* Devices for boot-time domains, as Xen's dom0less passthrough: a child of
 * the domain's /chosen node names a node of the machine's device tree,
 *     passthrough@0 { compatible = "septum,passthrough";
 *                     septum,path = "/virtio_mmio@a003e00"; };
 * whose registers and shared interrupts the domain gets where the machine
 * has them (a virtio-mmio device does DMA: the domain must have
 * septum,direct-map). */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/log.h>
#include <septum/passthrough.h>
#include <septum/vm.h>

_Static_assert(PT_MAX_DT_NODES == sizeof(((struct vm *)0)->dt_nodes) / sizeof(int),
               "dt_nodes holds PT_MAX_DT_NODES");

static int give_regs(struct vm *vm, const struct fdt *fdt, int node, uint32_t flags)
{
    int root = fdt_root(fdt);
    int ac = fdt_address_cells(fdt, root), sc = fdt_size_cells(fdt, root);
    uint64_t base, size;
    int err = -ENOENT;

    for (int i = 0; fdt_reg(fdt, node, ac, sc, i, &base, &size) == 0; i++) {
        err = pt_assign_mmio(vm, base, size, base, flags);
        if (err)
            return err;
    }
    return err == -ENOENT ? -EINVAL : 0; /* a device without registers */
}

static int give_irqs(struct vm *vm, const struct fdt *fdt, int node)
{
    uint32_t len;
    const uint8_t *irq = fdt_prop(fdt, node, "interrupts", &len);
    uint32_t step = 4 * arch_guest.irq_cells;

    for (uint32_t off = 0; irq && off + step <= len; off += step) {
        unsigned line;
        int err = arch_irq_parse(irq + off, &line);

        if (!err)
            err = pt_assign_irq(vm, line, line);
        if (err)
            return err;
    }
    return 0;
}

int pt_boot_devices(struct vm *vm, const struct fdt *fdt, int domain_node)
{
    for (int n = fdt_first_child(fdt, domain_node); n >= 0; n = fdt_next_sibling(fdt, n)) {
        const char *path = fdt_prop_string(fdt, n, "septum,path");
        uint32_t len;
        uint32_t flags = 0;
        int host, err;

        if (!fdt_is_compatible(fdt, n, "septum,passthrough"))
            continue;
        host = path ? fdt_find_path(fdt, path) : -ENOENT;
        if (host < 0) {
            log_printf("%s: passthrough: no node '%s' in the device tree", vm->config.name,
                       path ? path : "(no septum,path)");
            return -ENOENT;
        }
        if (fdt_is_compatible(fdt, host, "virtio,mmio") || fdt_prop(fdt, n, "septum,dma", &len))
            flags |= SEPTUM_MMIO_DMA;
        if (vm->nr_dt_nodes == PT_MAX_DT_NODES) {
            log_printf("%s: more than %u passthrough devices", vm->config.name, PT_MAX_DT_NODES);
            return -ENOSPC;
        }
        err = give_regs(vm, fdt, host, flags);
        if (!err)
            err = give_irqs(vm, fdt, host);
        if (err) {
            log_printf("%s: passthrough of %s refused (%d)", vm->config.name, path, err);
            return err;
        }
        vm->dt_nodes[vm->nr_dt_nodes++] = host;
    }
    return 0;
}
