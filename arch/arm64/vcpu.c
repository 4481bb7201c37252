/* vCPU life cycle on its pCPU and the pCPU loop. */
#include <septum/hal.h>
#include <septum/log.h>
#include <septum/pcpu.h>
#include <septum/string.h>
#include <septum/vm.h>
#include <arch/gic.h>
#include <arch/irq.h>
#include <arch/pcpu.h>
#include <arch/sysreg.h>
#include <arch/vcpu.h>
#include <arch/vgic.h>

#define CNTV_CTL_ENABLE 1u
#define PMCR_RESET_COUNTERS 0x6u /* P and C: zero event and cycle counters */

static void el1_reset(void)
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
    write_sysreg(pmcntenclr_el0, ~0ull);
    write_sysreg(pmintenclr_el1, ~0ull);
    write_sysreg(pmovsclr_el0, ~0ull);
    write_sysreg(pmcr_el0, PMCR_RESET_COUNTERS);
    fpsimd_clear();
}

void vcpu_reset(struct vcpu *vcpu)
{
    struct guest_regs *regs = vcpu->arch.regs;
    struct vm *vm = vcpu->vm;
    uint64_t freq = read_sysreg(cntfrq_el0);

    memset(regs, 0, sizeof(*regs));
    regs->x[0] = vcpu->entry_arg;
    regs->elr = vcpu->entry;
    regs->spsr = SPSR_EL1H_DAIF;
    el1_reset();
    vgic_clear_hw();
    /* The domain's virtual counter starts from zero when it is created. */
    write_sysreg(cntvoff_el2, vm->created_ns / 1000000000ull * freq +
                                  vm->created_ns % 1000000000ull * freq / 1000000000ull);
    write_sysreg(vmpidr_el2, vcpu->arch.vmpidr);
    write_sysreg(vpidr_el2, read_sysreg(midr_el1));
    isb();
}

void vcpu_unload(struct vcpu *vcpu)
{
    struct el1_context *c = &vcpu->arch.saved;

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
    /* Quiesce: no timer interrupt or stale list register outlives the vCPU. */
    write_sysreg(cntv_ctl_el0, 0);
    vgic_clear_hw();
    write_sysreg(hcr_el2, HCR_RW);
    isb();
}

static void vcpu_enter(struct pcpu *p, struct vcpu *vcpu)
{
    write_sysreg(vttbr_el2, stage2_vttbr(&vcpu->vm->aspace.s2));
    write_sysreg(hcr_el2, HCR_GUEST);
    isb();
    vgic_flush(vcpu);
    vcpu->loaded_at = hal_time_ns();
    arch_vcpu_run(p);
    vcpu->run_ns += hal_time_ns() - vcpu->loaded_at;
}

void pcpu_loop(struct pcpu *p)
{
    for (;;) {
        struct vcpu *vcpu = pcpu_owner(p->id);

        if (vcpu && atomic_load(&vcpu->power) != VCPU_OFF && vcpu_must_stop(vcpu)) {
            vcpu_unload(vcpu);
            vcpu_stopped(vcpu);
            continue;
        }
        if (vcpu && vcpu_runnable(vcpu)) {
            if (atomic_load(&vcpu->power) == VCPU_ON_PENDING) {
                vcpu_reset(vcpu);
                atomic_store(&vcpu->power, VCPU_ON);
            }
            vcpu_enter(p, vcpu);
            continue;
        }
        wfi();
        irq_handle_pending(NULL);
    }
}
