/* The EL1 virtual counter: timeouts and delays that work under any
 * hypervisor, since EL1 may always read CNTVCT_EL0. */
#ifndef GUEST_TIMER_H
#define GUEST_TIMER_H

#include <stdbool.h>
#include <stdint.h>
#include "sysreg.h"

/* QEMU's frequency, used only if firmware left CNTFRQ_EL0 unset. */
#define TIMER_FALLBACK_HZ 62500000ull

static inline uint64_t timer_frequency(void)
{
    uint64_t hz = read_sysreg(cntfrq_el0) & 0xffffffffull;

    return hz ? hz : TIMER_FALLBACK_HZ;
}

/* The ISB stops the read from being hoisted above earlier instructions. */
static inline uint64_t timer_count(void)
{
    isb();
    return read_sysreg(cntvct_el0);
}

static inline uint64_t timer_ticks_from_ms(uint64_t ms)
{
    return timer_frequency() * ms / 1000;
}

static inline uint64_t timer_deadline_ms(uint64_t ms)
{
    return timer_count() + timer_ticks_from_ms(ms);
}

static inline bool timer_passed(uint64_t deadline)
{
    return (int64_t)(timer_count() - deadline) >= 0;
}

static inline void timer_delay_ms(uint64_t ms)
{
    uint64_t deadline = timer_deadline_ms(ms);

    while (!timer_passed(deadline))
        cpu_relax();
}

#endif
