/* arm64: the EL1 virtual timer (lib/arch.h). */
#include "arch.h"

/* QEMU's frequency, used only if firmware left CNTFRQ_EL0 unset. */
#define TIMER_FALLBACK_HZ 62500000ull

#define CNTV_CTL_ENABLE (1u << 0)
#define CNTV_CTL_IMASK (1u << 1)

uint64_t timer_frequency(void)
{
    uint64_t hz = read_sysreg(cntfrq_el0) & 0xffffffffull;

    return hz ? hz : TIMER_FALLBACK_HZ;
}

/* Writing the compare value also retires the current expiry, so the
 * level-sensitive timer line drops before the interrupt is ended. */
void timer_irq_at(uint64_t count)
{
    write_sysreg(cntv_cval_el0, count);
    write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
    isb();
}

void timer_irq_after(uint64_t ticks)
{
    write_sysreg(cntv_tval_el0, ticks);
    write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
    isb();
}

void timer_irq_stop(void)
{
    write_sysreg(cntv_ctl_el0, 0);
    isb();
}

bool timer_irq_masked(void)
{
    return read_sysreg(cntv_ctl_el0) & CNTV_CTL_IMASK;
}
