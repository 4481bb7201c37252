/* Resetting and saving the EL1 state of the pCPU a vCPU owns. The
 * hypervisor runs at EL2 with -mgeneral-regs-only and never touches this
 * state on an exit; it is cleared when a vCPU starts and saved when it
 * stops. */
#include <septum/string.h>
#include <arch/el1_state.h>
#include <arch/sysreg.h>

#define PMCR_RESET_COUNTERS 0x6u /* P and C: zero event and cycle counters */

#define CASE_WRITE(n, reg)                                                                         \
    case n:                                                                                        \
        write_sysreg(reg, 0);                                                                      \
        break

/* Disables breakpoint or watchpoint n (its control register's E bit). */
static void clear_breakpoint(unsigned n)
{
    switch (n) {
        CASE_WRITE(0, dbgbcr0_el1);
        CASE_WRITE(1, dbgbcr1_el1);
        CASE_WRITE(2, dbgbcr2_el1);
        CASE_WRITE(3, dbgbcr3_el1);
        CASE_WRITE(4, dbgbcr4_el1);
        CASE_WRITE(5, dbgbcr5_el1);
        CASE_WRITE(6, dbgbcr6_el1);
        CASE_WRITE(7, dbgbcr7_el1);
        CASE_WRITE(8, dbgbcr8_el1);
        CASE_WRITE(9, dbgbcr9_el1);
        CASE_WRITE(10, dbgbcr10_el1);
        CASE_WRITE(11, dbgbcr11_el1);
        CASE_WRITE(12, dbgbcr12_el1);
        CASE_WRITE(13, dbgbcr13_el1);
        CASE_WRITE(14, dbgbcr14_el1);
        CASE_WRITE(15, dbgbcr15_el1);
    default:
        break;
    }
}

static void clear_watchpoint(unsigned n)
{
    switch (n) {
        CASE_WRITE(0, dbgwcr0_el1);
        CASE_WRITE(1, dbgwcr1_el1);
        CASE_WRITE(2, dbgwcr2_el1);
        CASE_WRITE(3, dbgwcr3_el1);
        CASE_WRITE(4, dbgwcr4_el1);
        CASE_WRITE(5, dbgwcr5_el1);
        CASE_WRITE(6, dbgwcr6_el1);
        CASE_WRITE(7, dbgwcr7_el1);
        CASE_WRITE(8, dbgwcr8_el1);
        CASE_WRITE(9, dbgwcr9_el1);
        CASE_WRITE(10, dbgwcr10_el1);
        CASE_WRITE(11, dbgwcr11_el1);
        CASE_WRITE(12, dbgwcr12_el1);
        CASE_WRITE(13, dbgwcr13_el1);
        CASE_WRITE(14, dbgwcr14_el1);
        CASE_WRITE(15, dbgwcr15_el1);
    default:
        break;
    }
}

static void debug_reset(void)
{
    uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);
    unsigned brps = (unsigned)((dfr0 >> 12) & 0xf) + 1, wrps = (unsigned)((dfr0 >> 20) & 0xf) + 1;

    write_sysreg(mdscr_el1, 0);
    for (unsigned i = 0; i < brps; i++)
        clear_breakpoint(i);
    for (unsigned i = 0; i < wrps; i++)
        clear_watchpoint(i);
}

static void pmu_reset(void)
{
    unsigned counters = (unsigned)((read_sysreg(pmcr_el0) >> 11) & 0x1f);

    write_sysreg(pmcntenclr_el0, ~0ull);
    write_sysreg(pmintenclr_el1, ~0ull);
    write_sysreg(pmovsclr_el0, ~0ull);
    for (unsigned i = 0; i < counters; i++) {
        write_sysreg(pmselr_el0, i);
        isb();
        write_sysreg(pmxevtyper_el0, 0);
    }
    write_sysreg(pmselr_el0, 0);
    write_sysreg(pmccfiltr_el0, 0);
    write_sysreg(pmuserenr_el0, 0);
    write_sysreg(pmcr_el0, PMCR_RESET_COUNTERS);
}

bool cpu_has_pauth(void)
{
    uint64_t isar1 = read_sysreg(id_aa64isar1_el1);

    /* APA, API, GPA, GPI: any implemented algorithm. */
    return ((isar1 >> 4) & 0xf) || ((isar1 >> 8) & 0xf) || ((isar1 >> 24) & 0xf) ||
           ((isar1 >> 28) & 0xf);
}

static void pauth_reset(void)
{
    if (!cpu_has_pauth())
        return;
    write_sysreg(S3_0_C2_C1_0, 0); /* APIAKeyLo_EL1 */
    write_sysreg(S3_0_C2_C1_1, 0);
    write_sysreg(S3_0_C2_C1_2, 0); /* APIBKey */
    write_sysreg(S3_0_C2_C1_3, 0);
    write_sysreg(S3_0_C2_C2_0, 0); /* APDAKey */
    write_sysreg(S3_0_C2_C2_1, 0);
    write_sysreg(S3_0_C2_C2_2, 0); /* APDBKey */
    write_sysreg(S3_0_C2_C2_3, 0);
    write_sysreg(S3_0_C2_C3_0, 0); /* APGAKey */
    write_sysreg(S3_0_C2_C3_1, 0);
}

void el1_reset(void)
{
    write_sysreg(sctlr_el1, SCTLR_EL1_RESET);
    write_sysreg(cpacr_el1, 0);
    write_sysreg(ttbr0_el1, 0);
    write_sysreg(ttbr1_el1, 0);
    write_sysreg(tcr_el1, 0);
    write_sysreg(mair_el1, 0);
    write_sysreg(amair_el1, 0);
    write_sysreg(vbar_el1, 0);
    write_sysreg(contextidr_el1, 0);
    write_sysreg(tpidr_el0, 0);
    write_sysreg(tpidrro_el0, 0);
    write_sysreg(tpidr_el1, 0);
    write_sysreg(sp_el0, 0);
    write_sysreg(sp_el1, 0);
    write_sysreg(elr_el1, 0);
    write_sysreg(spsr_el1, 0);
    write_sysreg(esr_el1, 0);
    write_sysreg(far_el1, 0);
    write_sysreg(afsr0_el1, 0);
    write_sysreg(afsr1_el1, 0);
    write_sysreg(par_el1, 0);
    write_sysreg(cntkctl_el1, 0);
    write_sysreg(cntv_ctl_el0, 0);
    write_sysreg(cntv_cval_el0, 0);
    write_sysreg(cntp_ctl_el0, 0);
    write_sysreg(cntp_cval_el0, 0);
    pmu_reset();
    debug_reset();
    pauth_reset();
    fpsimd_clear();
}

void el1_save(struct el1_context *c)
{
    c->sctlr = read_sysreg(sctlr_el1);
    c->cpacr = read_sysreg(cpacr_el1);
    c->ttbr0 = read_sysreg(ttbr0_el1);
    c->ttbr1 = read_sysreg(ttbr1_el1);
    c->tcr = read_sysreg(tcr_el1);
    c->mair = read_sysreg(mair_el1);
    c->vbar = read_sysreg(vbar_el1);
    c->contextidr = read_sysreg(contextidr_el1);
    c->tpidr_el0 = read_sysreg(tpidr_el0);
    c->tpidrro_el0 = read_sysreg(tpidrro_el0);
    c->tpidr_el1 = read_sysreg(tpidr_el1);
    c->sp_el0 = read_sysreg(sp_el0);
    c->sp_el1 = read_sysreg(sp_el1);
    c->elr_el1 = read_sysreg(elr_el1);
    c->spsr_el1 = read_sysreg(spsr_el1);
    c->esr = read_sysreg(esr_el1);
    c->far = read_sysreg(far_el1);
    c->par = read_sysreg(par_el1);
    c->cntkctl = read_sysreg(cntkctl_el1);
    c->cntv_ctl = read_sysreg(cntv_ctl_el0);
    c->cntv_cval = read_sysreg(cntv_cval_el0);
}
