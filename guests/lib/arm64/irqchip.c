/* arm64: the arch API's interrupts over the GICv3 (lib/arch.h). Private
 * interrupts belong to the redistributor of the CPU's logical index. */
#include <septum/errno.h>
#include "arch.h"
#include "gic.h"

int irq_init(void)
{
    return gic_dist_enable();
}

int irq_cpu_init(unsigned cpu)
{
    /* Any value below PMR 0xff; 5 priority bits keep it. */
    const uint8_t priority = 0xa0;

    if (gic_redist_wake(cpu))
        return -EBUSY;
    gic_private_irq_enable(cpu, IRQ_TIMER, priority);
    gic_private_irq_enable(cpu, IRQ_IPI, priority);
    gic_cpu_interface_enable();
    return 0;
}

unsigned irq_ack(void)
{
    uint32_t intid = gic_ack();

    /* 1020-1023: spurious or special, nothing to end. */
    return intid >= 1020 ? IRQ_NONE : intid;
}

void irq_end(unsigned irq)
{
    gic_eoi(irq);
}

void irq_send_ipi(uint64_t hwid)
{
    gic_send_sgi(IRQ_IPI, hwid);
}

void irq_device_configure(unsigned irq, uint8_t priority)
{
    gic_spi_configure(irq, priority);
}

void irq_device_route(unsigned irq, uint64_t hwid)
{
    gic_spi_route(irq, hwid);
}

void irq_device_enable(unsigned irq, bool enable)
{
    gic_spi_enable(irq, enable);
}

void irq_device_set_pending(unsigned irq, bool pending)
{
    gic_spi_set_pending(irq, pending);
}

bool irq_device_pending(unsigned irq)
{
    return gic_spi_pending(irq);
}

int irq_device_active(unsigned irq)
{
    return gic_spi_active(irq);
}

bool irq_next_here(unsigned irq)
{
    return ((uint32_t)read_sysreg(icc_hppir1_el1) & 0xffffff) == irq;
}
