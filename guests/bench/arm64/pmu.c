/* Instruction counting. With -icount, QEMU's PMU counts INST_RETIRED exactly
 * and honours the exception-level filters, so a guest can count what its
 * hypervisor executes on its behalf (FINDINGS.md, "Deterministic
 * measurement"). That needs a hypervisor that neither traps the PMU (Xen
 * does) nor prohibits counting at EL2 (MDCR_EL2.HPMD); the virtual counter
 * works everywhere, at 16 instructions per tick of QEMU's 62.5 MHz. */
#include "bench/bench.h"
#include "lib/arm64/psci.h"
#include "lib/timer.h"

#define PMUVER_NONE 0x0
#define PMUVER_IMPDEF 0xf
#define PMCR_E (1u << 0)
#define PMCR_P (1u << 1) /* resets the event counters */
#define PMCR_N(v) (((v) >> 11) & 0x1f)

#define EVENT_INST_RETIRED 0x08
#define FILTER_P (1u << 31)   /* do not count at EL1 */
#define FILTER_U (1u << 30)   /* do not count at EL0 */
#define FILTER_NSH (1u << 27) /* count at EL2 */

/* PMU counters 0 (EL1) and 1 (EL2). */
#define COUNTERS_USED 0x3u

#define SMCCC_VERSION 0x80000000u

static bool el1_usable, el2_usable;

static uint64_t ns_from_ticks(uint64_t ticks)
{
    return ticks * 1000000000ull / timer_frequency();
}

void counts_read(struct counts *c)
{
    c->round_trip = ns_from_ticks(timer_count());
    c->el1 = el1_usable ? read_sysreg(pmevcntr0_el0) : 0;
    c->el2 = el2_usable ? read_sysreg(pmevcntr1_el0) : 0;
}

void counts_delta(const struct counts *from, const struct counts *to, struct counts *delta)
{
    delta->round_trip = to->round_trip - from->round_trip;
    /* The event counters are 32 bits wide on PMUv3 before Armv8.5. */
    delta->el1 = (uint32_t)(to->el1 - from->el1);
    delta->el2 = (uint32_t)(to->el2 - from->el2);
}

bool pmu_el1_usable(void)
{
    return el1_usable;
}

bool pmu_el2_usable(void)
{
    return el2_usable;
}

void pmu_setup(void)
{
    unsigned version = (unsigned)(read_sysreg(id_aa64dfr0_el1) >> 8) & 0xf;
    struct counts before, after;

    if (version == PMUVER_NONE || version == PMUVER_IMPDEF)
        return;
    /* A hypervisor that traps the PMU may show PMCR as zero: no counters. */
    if (PMCR_N(read_sysreg(pmcr_el0)) < 2)
        return;
    write_sysreg(pmevtyper0_el0, EVENT_INST_RETIRED | FILTER_U);
    write_sysreg(pmevtyper1_el0, EVENT_INST_RETIRED | FILTER_P | FILTER_U | FILTER_NSH);
    write_sysreg(pmcntenset_el0, COUNTERS_USED);
    write_sysreg(pmcr_el0, PMCR_E | PMCR_P);
    isb();

    /* Without -icount the counters stay at zero; with HPMD set, the EL2 one
     * does. One call the hypervisor must answer tells. */
    el1_usable = el2_usable = true;
    counts_read(&before);
    psci_call(SMCCC_VERSION, 0, 0, 0);
    counts_read(&after);
    el1_usable = after.el1 != before.el1;
    el2_usable = after.el2 != before.el2;
}
