/* riscv64: the supervisor timer, through stimecmp when the harts have Sstc,
 * else through SBI set_timer (lib/arch.h). Either way the interrupt is
 * level: pending while time >= the deadline. */
#include "arch.h"
#include "riscv.h"

#define SBI_TIME_SET_TIMER 0

uint64_t timer_frequency(void)
{
    return riscv_timebase;
}

void timer_irq_at(uint64_t count)
{
    if (riscv_has_sstc)
        csr_write(0x14d, count); /* stimecmp: binutils 2.40 wants _sstc for its name */
    else
        sbi_call(SBI_EXT_TIME, SBI_TIME_SET_TIMER, count, 0, 0);
}

void timer_irq_after(uint64_t ticks)
{
    timer_irq_at(timer_count() + ticks);
}

void timer_irq_stop(void)
{
    timer_irq_at(UINT64_MAX);
}

bool timer_irq_masked(void)
{
    return false;
}
