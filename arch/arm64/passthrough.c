/* arm64 side of passthrough (septum/arch.h): what of the machine may be
 * given to a domain, and physical SPIs bound to virtual ones. */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/log.h>
#include <septum/vm.h>
#include <arch/gic.h>
#include <arch/platform.h>
#include <arch/vgic.h>

static bool overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
    return a < b + b_size && b < a + a_size;
}

/* The device space is what lies below RAM (QEMU virt's first gigabyte),
 * which the hypervisor maps as device memory for itself: it must reach a
 * window to forward accesses and a DMA device to reset it. */
int arch_mmio_passable(uint64_t pa, uint64_t size)
{
    const char *why = NULL;

    if (pa + size > platform.ram_base)
        why = "is RAM or outside the machine's device space";
    else if (overlap(pa, size, arm64_platform.gicd, arm64_platform.gicd_size) ||
             overlap(pa, size, arm64_platform.gicr, arm64_platform.gicr_size))
        why = "is the interrupt controller's";
    if (!why)
        return 0;
    log_printf("MMIO 0x%llx+0x%llx %s", (unsigned long long)pa, (unsigned long long)size, why);
    return -EINVAL;
}

int arch_irq_passable(unsigned pirq)
{
    const char *why = NULL;

    if (pirq < 32)
        why = "is not a shared interrupt (SPI)";
    else if (pirq >= gic_nr_irqs())
        why = "is beyond the interrupt controller's lines";
    if (!why)
        return 0;
    log_printf("interrupt %u %s", pirq, why);
    return -EINVAL;
}

int arch_irq_bind(struct vm *vm, unsigned pirq, unsigned virq)
{
    int err = vgic_bind_hw(vm, virq, pirq);

    /* Routed where the virtual one goes: vCPU 0 until the guest says. */
    if (!err)
        gic_enable_spi(pirq, platform.cpu_id[vm->vcpus[0].pcpu]);
    return err;
}

void arch_irq_unbind(unsigned pirq)
{
    gic_disable_spi(pirq);
}
