/* riscv64: the round trip from instret, which under -icount counts every
 * instruction the machine retires in every mode (QEMU 7.2 has no Smcntrpmf
 * mode filter, and counters filtered by mode (Sscofpmf) are programmed
 * through SBI PMU, which is M mode's). The guest's and the hypervisor's
 * shares come from each path's own() loop instead (bench.h). */
#include "bench/bench.h"
#include "lib/arch.h"
#include "lib/console.h"
#include "lib/runtime.h"

void counts_read(struct counts *c)
{
    c->round_trip = csr_read(instret);
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
