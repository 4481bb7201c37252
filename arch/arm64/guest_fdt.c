/* arm64's part of a domain's device tree (septum/arch.h): its vCPUs and
 * PSCI, the virtual GICv3, the generic timer, and GIC interrupt
 * specifiers. The core writes the rest (hypervisor/core/guest_fdt.c). */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/format.h>
#include <septum/guest_fdt.h>
#include <septum/vm.h>
#include <arch/vgic.h>

#define GIC_SPI 0
#define GIC_PPI 1
#define IRQ_EDGE_RISING 1
#define IRQ_LEVEL_HIGH 4
#define SPI_BASE 32

void arch_fdt_cpus(struct fdt_writer *w, const struct vm *vm)
{
    char name[24];

    fdt_begin_node(w, "cpus");
    fdt_property_u32(w, "#address-cells", 1);
    fdt_property_u32(w, "#size-cells", 0);
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        snprintf(name, sizeof(name), "cpu@%u", i);
        fdt_begin_node(w, name);
        fdt_property_string(w, "device_type", "cpu");
        fdt_property_string(w, "compatible", "arm,armv8");
        fdt_property_u32(w, "reg", (uint32_t)(vm->vcpus[i].arch.vmpidr & 0xffffff));
        fdt_property_string(w, "enable-method", "psci");
        fdt_end_node(w);
    }
    fdt_end_node(w);

    fdt_begin_node(w, "psci");
    guest_fdt_strings(w, "compatible", "arm,psci-1.0", "arm,psci-0.2");
    fdt_property_string(w, "method", "hvc");
    fdt_end_node(w);
}

void arch_fdt_irqchip(struct fdt_writer *w, const struct vm *vm)
{
    uint32_t gic_reg[8] = {
        0, (uint32_t)GUEST_GICD_BASE, 0, (uint32_t)GUEST_GICD_SIZE,
        0, (uint32_t)GUEST_GICR_BASE, 0, (uint32_t)(GUEST_GICR_STRIDE * vm->config.nr_vcpus)};

    fdt_begin_node(w, "interrupt-controller@8000000");
    fdt_property_string(w, "compatible", "arm,gic-v3");
    fdt_property_u32(w, "#interrupt-cells", 3);
    fdt_property(w, "interrupt-controller", NULL, 0);
    fdt_property_u32(w, "#redistributor-regions", 1);
    fdt_property_cells(w, "reg", gic_reg, 8);
    fdt_property_u32(w, "phandle", GUEST_PHANDLE_INTC);
    fdt_end_node(w);
}

void arch_fdt_timer(struct fdt_writer *w, const struct vm *vm)
{
    /* Secure, non-secure physical, virtual and hypervisor timer PPIs. */
    uint32_t timer_irqs[12] = {GIC_PPI, 13, IRQ_LEVEL_HIGH, GIC_PPI, 14, IRQ_LEVEL_HIGH,
                               GIC_PPI, 11, IRQ_LEVEL_HIGH, GIC_PPI, 10, IRQ_LEVEL_HIGH};

    (void)vm;
    fdt_begin_node(w, "timer");
    fdt_property_string(w, "compatible", "arm,armv8-timer");
    fdt_property_cells(w, "interrupts", timer_irqs, 12);
    fdt_property(w, "always-on", NULL, 0);
    fdt_end_node(w);
}

void arch_irq_spec(uint32_t *cells, unsigned irq, bool edge)
{
    cells[0] = GIC_SPI;
    cells[1] = irq - SPI_BASE;
    cells[2] = edge ? IRQ_EDGE_RISING : IRQ_LEVEL_HIGH;
}

int arch_irq_parse(const uint8_t *spec, unsigned *irq)
{
    if (fdt_read_u32(spec) != GIC_SPI)
        return -EINVAL;
    *irq = SPI_BASE + fdt_read_u32(spec + 4);
    return 0;
}
