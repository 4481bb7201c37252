/* Conversions between a free-running counter of hz ticks a second (arm64's
 * generic timer, RISC-V's time CSR) and nanoseconds. Whole seconds and the
 * remainder apart, so that neither product overflows for centuries. */
#ifndef SEPTUM_TICKS_H
#define SEPTUM_TICKS_H

#include <stdint.h>

#define NS_PER_SEC 1000000000ull

/* 0 while hz is unknown (0). */
static inline uint64_t ticks_to_ns(uint64_t ticks, uint64_t hz)
{
    return hz ? ticks / hz * NS_PER_SEC + ticks % hz * NS_PER_SEC / hz : 0;
}

static inline uint64_t ns_to_ticks(uint64_t ns, uint64_t hz)
{
    return ns / NS_PER_SEC * hz + ns % NS_PER_SEC * hz / NS_PER_SEC;
}

#endif
