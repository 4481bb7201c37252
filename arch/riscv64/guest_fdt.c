/* riscv64's part of a domain's device tree (septum/arch.h): its harts, each
 * with its local interrupt controller, the PLIC with one S-mode context per
 * vCPU, and PLIC interrupt specifiers. The core writes the rest
 * (hypervisor/core/guest_fdt.c). */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/format.h>
#include <septum/guest_fdt.h>
#include <septum/vm.h>
#include <arch/csr.h>
#include <arch/guest_layout.h>
#include <arch/machine.h>

/* vCPU i's local interrupt controller. */
#define PHANDLE_HART_INTC(i) (GUEST_PHANDLE_ARCH + (i))

void arch_fdt_cpus(struct fdt_writer *w, const struct vm *vm)
{
    char name[24], isa[48];

    /* What the guest really gets: F and D with the hart's own, Sstc when
     * it has vstimecmp. */
    snprintf(isa, sizeof(isa), "rv64ima%sc_zicsr_zifencei%s", machine.fpu_d ? "fd" : "",
             machine.sstc ? "_sstc" : "");
    fdt_begin_node(w, "cpus");
    fdt_property_u32(w, "#address-cells", 1);
    fdt_property_u32(w, "#size-cells", 0);
    fdt_property_u32(w, "timebase-frequency", (uint32_t)machine.timebase_hz);
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        snprintf(name, sizeof(name), "cpu@%u", i);
        fdt_begin_node(w, name);
        fdt_property_string(w, "device_type", "cpu");
        fdt_property_string(w, "compatible", "riscv");
        fdt_property_u32(w, "reg", i);
        fdt_property_string(w, "status", "okay");
        fdt_property_string(w, "riscv,isa", isa);
        fdt_property_string(w, "mmu-type", "riscv,sv39");
        fdt_begin_node(w, "interrupt-controller");
        fdt_property_u32(w, "#interrupt-cells", 1);
        fdt_property(w, "interrupt-controller", NULL, 0);
        fdt_property_string(w, "compatible", "riscv,cpu-intc");
        fdt_property_u32(w, "phandle", PHANDLE_HART_INTC(i));
        fdt_end_node(w);
        fdt_end_node(w);
    }
    fdt_end_node(w);
}

/* Context i is vCPU i's supervisor external interrupt. */
void arch_fdt_irqchip(struct fdt_writer *w, const struct vm *vm)
{
    uint32_t contexts[2 * MAX_VCPUS];
    char name[32];

    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        contexts[2 * i] = PHANDLE_HART_INTC(i);
        contexts[2 * i + 1] = IRQ_S_EXT;
    }
    snprintf(name, sizeof(name), "plic@%llx", (unsigned long long)GUEST_PLIC_BASE);
    fdt_begin_node(w, name);
    guest_fdt_strings(w, "compatible", "sifive,plic-1.0.0", "riscv,plic0");
    guest_fdt_reg64(w, GUEST_PLIC_BASE, GUEST_PLIC_SIZE);
    fdt_property_u32(w, "#address-cells", 0);
    fdt_property_u32(w, "#interrupt-cells", 1);
    fdt_property(w, "interrupt-controller", NULL, 0);
    fdt_property_u32(w, "riscv,ndev", GUEST_PLIC_NDEV);
    fdt_property_cells(w, "interrupts-extended", contexts, (int)(2 * vm->config.nr_vcpus));
    fdt_property_u32(w, "phandle", GUEST_PHANDLE_INTC);
    fdt_end_node(w);
}

/* The timer is the harts' own (SBI TIME or Sstc): no node. */
void arch_fdt_timer(struct fdt_writer *w, const struct vm *vm)
{
    (void)w;
    (void)vm;
}

/* A PLIC specifier is the source number alone; level or edge is the
 * device's business. */
void arch_irq_spec(uint32_t *cells, unsigned irq, bool edge)
{
    (void)edge;
    cells[0] = irq;
}

int arch_irq_parse(const uint8_t *spec, unsigned *irq)
{
    uint32_t source = fdt_read_u32(spec);

    if (source == 0 || source > GUEST_PLIC_NDEV)
        return -EINVAL;
    *irq = source;
    return 0;
}
