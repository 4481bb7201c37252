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
#include <arch/el1_state.h>
#include <arch/vcpu.h>
#include <arch/vgic.h>

void vcpu_reset(struct vcpu *vcpu)
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
    write_sysreg(cntvoff_el2, vm->created_ns / 1000000000ull * freq +
                                  vm->created_ns % 1000000000ull * freq / 1000000000ull);
    write_sysreg(vmpidr_el2, vcpu->arch.vmpidr);
    write_sysreg(vpidr_el2, read_sysreg(midr_el1));
    isb();
}

void vcpu_unload(struct vcpu *vcpu)
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

static void vcpu_enter(struct pcpu *p, struct vcpu *vcpu)
{
    write_sysreg(vttbr_el2, stage2_vttbr(&vcpu->vm->aspace.s2));
    write_sysreg(hcr_el2, HCR_GUEST | (vcpu->vm->config.native_wfi ? 0 : HCR_WFX) |
                              (cpu_has_pauth() ? HCR_API | HCR_APK : 0));
    isb();
    vgic_flush(vcpu);
    vcpu->loaded_at = hal_time_ns();
    atomic_store(&vcpu->in_guest, true);
    p->vcpu = vcpu;
    /* A pause that saw in_guest still false must not find the vCPU in the
     * guest later (vm_vcpus_in_guest()): look at the state once more. */
    if (vcpu_runnable(vcpu))
        arch_vcpu_run(p);
    atomic_store(&vcpu->in_guest, false);
    vcpu->run_ns += hal_time_ns() - vcpu->loaded_at;
}

/* A vCPU leaves its pCPU for good when its domain stops or it turned
 * itself off; that is handled here, outside its exit path, so that nothing
 * about the domain changes while one of its vCPUs is still in a trap. */
static bool must_leave(struct vcpu *vcpu)
{
    return atomic_load(&vcpu->power) != VCPU_OFF &&
           (vcpu_must_stop(vcpu) || atomic_load(&vcpu->off_requested));
}

void pcpu_loop(struct pcpu *p)
{
    for (;;) {
        struct vcpu *vcpu = pcpu_owner(p->id);

        if (vcpu && must_leave(vcpu)) {
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
        /* A domain just created by the control domain (not runnable until
         * this is done): this pCPU, its own, zeroes its RAM before anything
         * can be loaded into it. */
        if (vcpu && vcpu->id == 0 && !vm_ram_ready(vcpu->vm)) {
            vm_zero_pending(vcpu->vm);
            continue;
        }
        wfi();
        /* A paused vCPU still owns its timer: its interrupt waits for it. */
        irq_handle_pending(vcpu && atomic_load(&vcpu->power) != VCPU_OFF ? vcpu : NULL);
    }
}
