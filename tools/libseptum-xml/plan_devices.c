/* The definition's devices held against the machine: a device named by its
 * path in the machine's device tree takes its registers and interrupts from
 * there; one named by address gets that tree's node too when one has its
 * registers. A device that does DMA (virtio-mmio's do, unless dma='no')
 * needs a direct-mapped domain: without an IOMMU it writes physical
 * addresses. Away from the hypervisor (septum validate on a build host)
 * the machine's tree is not known: a device named by path is checked where
 * it is, by create or by the hypervisor at boot. What the hypervisor alone
 * can tell (who owns what) is checked when the domain is made (build.c). */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

#define GIC_SPI 0u
#define SPI_BASE 32u
#define GUEST_MAX_INTID 95u /* the virtual GIC's last SPI */
#define GUEST_UART_INTID (SPI_BASE + SEPTUM_GUEST_UART_SPI)

static uint64_t read_cells(const fdt32_t *p, int n)
{
    uint64_t v = 0;

    for (int i = 0; i < n; i++)
        v = v << 32 | fdt32_to_cpu(p[i]);
    return v;
}

/* The node's register ranges, in its parent's cells. */
static int node_regs(const void *fdt, int node, struct plan_device *dev)
{
    int parent = fdt_parent_offset(fdt, node);
    int ac = fdt_address_cells(fdt, parent), sc = fdt_size_cells(fdt, parent), len;
    const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
    int stride = (ac + sc) * 4;

    if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2 || len < stride)
        return -EINVAL;
    for (int off = 0; off + stride <= len && dev->nr_mmio < DESC_MAX_MMIO; off += stride) {
        struct desc_mmio *m = &dev->mmio[dev->nr_mmio++];

        m->base = m->ipa = read_cells(reg + off / 4, ac);
        m->size = read_cells(reg + off / 4 + ac, sc);
        m->at = dev->desc->at;
    }
    return 0;
}

/* The node's interrupts: GIC SPIs, <type number flags>. */
static int node_irqs(const void *fdt, int node, struct plan_device *dev)
{
    int len;
    const fdt32_t *irq = fdt_getprop(fdt, node, "interrupts", &len);

    for (int i = 0; irq && i + 3 <= len / 4 && dev->nr_irqs < DESC_MAX_IRQS; i += 3) {
        struct desc_irq *d = &dev->irqs[dev->nr_irqs++];

        if (fdt32_to_cpu(irq[i]) != GIC_SPI)
            return -EINVAL;
        d->host = d->guest = SPI_BASE + fdt32_to_cpu(irq[i + 1]);
        d->at = dev->desc->at;
    }
    return 0;
}

/* The node whose first register range starts at base, or -1. */
static int node_at(const void *fdt, uint64_t base)
{
    for (int n = fdt_next_node(fdt, 0, NULL); n >= 0; n = fdt_next_node(fdt, n, NULL)) {
        struct plan_device probe = {.desc = &(struct desc_passthrough){0}};

        if (fdt_getprop(fdt, n, "reg", NULL) && node_regs(fdt, n, &probe) == 0 &&
            probe.mmio[0].base == base && fdt_getprop(fdt, n, "compatible", NULL))
            return n;
    }
    return -1;
}

static bool by_path(const struct desc_passthrough *p, const struct machine *m, struct diag_sink *d,
                    struct plan_device *dev)
{
    struct spot at = p->at;

    at.attribute = "path";
    dev->host_node = fdt_path_offset(m->host_fdt, p->path);
    if (dev->host_node < 0) {
        diag_at(d, &at, "no node '%s' in the machine's device tree", p->path);
        return false;
    }
    if (node_regs(m->host_fdt, dev->host_node, dev) < 0) {
        diag_at(d, &at, "'%s' has no register range ('reg') to pass through", p->path);
        return false;
    }
    if (node_irqs(m->host_fdt, dev->host_node, dev) < 0) {
        diag_at(d, &at, "'%s' has an interrupt that is not a shared one (SPI)", p->path);
        return false;
    }
    return true;
}

static void check_irqs(const struct domain_desc *desc, const struct plan_device *dev,
                       const struct domain_plan *plan, struct diag_sink *d)
{
    for (size_t i = 0; i < dev->nr_irqs; i++) {
        const struct desc_irq *irq = &dev->irqs[i];

        if (irq->guest > GUEST_MAX_INTID)
            diag_at(d, &irq->at,
                    "guest interrupt %u is beyond the domain's virtual GIC (INTIDs 32-%u): give "
                    "guest='...'",
                    irq->guest, GUEST_MAX_INTID);
        else if (irq->guest == GUEST_UART_INTID)
            diag_at(d, &irq->at, "guest interrupt %u is the domain's UART's", irq->guest);
        for (size_t j = 0; j < plan->nr_devices; j++) {
            for (size_t k = 0; k < plan->devices[j].nr_irqs; k++) {
                if (plan->devices[j].irqs[k].guest == irq->guest)
                    diag_at(d, &irq->at, "guest interrupt %u is given twice in '%s'", irq->guest,
                            desc->name);
            }
        }
    }
}

static bool does_dma(const struct desc_passthrough *p, const struct machine *m,
                     const struct plan_device *dev)
{
    if (p->dma != DESC_DMA_DEFAULT)
        return p->dma;
    return dev->host_node >= 0 &&
           fdt_node_check_compatible(m->host_fdt, dev->host_node, "virtio,mmio") == 0;
}

int plan_devices(const struct domain_desc *desc, const struct machine *m, struct diag_sink *d,
                 struct domain_plan *plan)
{
    plan->devices = calloc(desc->nr_passthrough ? desc->nr_passthrough : 1, sizeof(*plan->devices));
    if (!plan->devices)
        return -ENOMEM;
    plan->host_fdt = m->host_fdt;
    for (size_t i = 0; i < desc->nr_passthrough; i++) {
        const struct desc_passthrough *p = &desc->passthrough[i];
        struct plan_device dev = {.desc = p, .host_node = -1};

        if (p->path && !m->host_fdt)
            continue; /* checked where the machine's tree is known */
        if (p->path) {
            snprintf(dev.label, sizeof(dev.label), "%s", p->path);
            if (!by_path(p, m, d, &dev))
                continue;
        } else {
            snprintf(dev.label, sizeof(dev.label), "mmio 0x%llx",
                     (unsigned long long)p->mmio[0].base);
            memcpy(dev.mmio, p->mmio, sizeof(dev.mmio));
            dev.nr_mmio = p->nr_mmio;
            memcpy(dev.irqs, p->irqs, sizeof(dev.irqs));
            dev.nr_irqs = p->nr_irqs;
            if (m->host_fdt)
                dev.host_node = node_at(m->host_fdt, p->mmio[0].base);
        }
        if (does_dma(p, m, &dev))
            dev.flags |= SEPTUM_MMIO_DMA;
        if ((dev.flags & SEPTUM_MMIO_DMA) && !desc->direct_map)
            diag_at(d, &p->at,
                    "%s does DMA: domain '%s' must be direct-mapped for it (add "
                    "<septum:memory direct-map='yes'/> to its <septum:septum>)",
                    dev.label, desc->name);
        check_irqs(desc, &dev, plan, d);
        plan->devices[plan->nr_devices++] = dev;
    }
    return 0;
}
