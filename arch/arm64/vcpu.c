/* arm64 vCPU life cycle on its pCPU (septum/arch.h); the pCPU loop that
 * drives it is the core's (hypervisor/core/pcpu_loop.c). */
#include <septum/hal.h>
#include <septum/arch.h>
#include <septum/string.h>
#include <septum/ticks.h>
#include <septum/vm.h>
#include <arch/stage2.h>
#include <arch/gic.h>
#include <arch/irq.h>
#include <arch/pcpu.h>
#include <arch/sysreg.h>
#include <arch/el1_state.h>
#include <arch/vgic.h>

void arch_vcpu_reset(struct vcpu *vcpu)
{
    struct guest_regs *regs = vcpu->arch.regs;
    struct vm *vm = vcpu->vm;
    uint64_t freq = read_sysreg(cntfrq_el0);

    memset(regs, 0, sizeof(*regs));
    regs->x[0] = vcpu->entry_arg;
    regs->elr = vcpu->entry;
    regs->spsr = SPSR_EL1H_DAIF;
    vcpu->arch.injected = false;
    el1_reset();
    vgic_quiesce(vcpu);
    /* The domain's virtual counter starts from zero when it is created. */
    write_sysreg(cntvoff_el2, ns_to_ticks(vm->created_ns, freq));
    write_sysreg(vmpidr_el2, vcpu->arch.vmpidr);
    write_sysreg(vpidr_el2, read_sysreg(midr_el1));
    isb();
}

void arch_vcpu_unload(struct vcpu *vcpu)
{
    el1_save(&vcpu->arch.saved);
    /* Quiesce: no timer interrupt or stale list register outlives the vCPU.
     * The timer goes first, so that its line is low by the time the vGIC
     * deactivates an interrupt of it the guest never ended. */
    write_sysreg(cntv_ctl_el0, 0);
    write_sysreg(cntp_ctl_el0, 0);
    isb();
    vgic_quiesce(vcpu);
    write_sysreg(hcr_el2, HCR_RW);
    isb();
}

void arch_vcpu_enter(struct vcpu *vcpu)
{
    struct pcpu *p = this_pcpu();

    write_sysreg(vttbr_el2, vttbr_of(&vcpu->vm->aspace.s2));
    write_sysreg(hcr_el2, HCR_GUEST | (vcpu->vm->config.native_wfi ? 0 : HCR_WFX) |
                              (cpu_has_pauth() ? HCR_API | HCR_APK : 0));
    isb();
    vgic_flush(vcpu);
    p->vcpu = vcpu;
    guest_run(p);
}

void arch_idle(struct vcpu *owner)
{
    wfi();
    irq_handle_pending(owner);
}
