/* Timeouts and delays on the architecture's counter (timer_count(), which
 * every hypervisor lets a guest read). */
#ifndef GUEST_TIMER_H
#define GUEST_TIMER_H

#include <stdbool.h>
#include <stdint.h>
#include "arch.h"

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
