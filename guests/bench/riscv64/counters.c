/* riscv64: the round trip from the time CSR, like arm64's virtual counter
 * (under -icount shift=0 one instruction is one nanosecond). The guest's
 * and the hypervisor's own shares stay "-": instret counts every mode
 * alike (QEMU 7.2 has no Smcntrpmf mode filter), and counters filtered by
 * mode (Sscofpmf) are programmed through SBI PMU, which is M mode's. */
#include "bench/bench.h"
#include "lib/arch.h"
#include "lib/console.h"
#include "lib/runtime.h"

static uint64_t ns_from_ticks(uint64_t ticks)
{
    return ticks * 1000000000ull / timer_frequency();
}

void counts_read(struct counts *c)
{
    c->round_trip = ns_from_ticks(timer_count());
    c->el1 = 0;
    c->el2 = 0;
}

void counts_delta(const struct counts *from, const struct counts *to, struct counts *delta)
{
    delta->round_trip = to->round_trip - from->round_trip;
    delta->el1 = 0;
    delta->el2 = 0;
}

void pmu_setup(void) {}

bool pmu_el1_usable(void)
{
    return false;
}

bool pmu_el2_usable(void)
{
    return false;
}

/* latency's figure is the hypervisor's share of a tick, which riscv64
 * cannot count (above). */
void latency_run(unsigned windows)
{
    (void)windows;
    guest_fail("latency needs per-mode instruction counts, which riscv64 has not");
}
