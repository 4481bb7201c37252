/* vCPU life cycle on its pCPU and the pCPU loop. */
#include <septum/hal.h>
#include <septum/pcpu.h>
#include <septum/string.h>
#include <septum/vm.h>
#include <arch/csr.h>
#include <arch/fence.h>
#include <arch/irq.h>
#include <arch/pcpu.h>
#include <arch/vcpu.h>
#include <arch/vinject.h>
#include <arch/vtimer.h>

/* Boot protocol (Linux's on RISC-V, SBI HSM's alike): a0 = hart id, a1 =
 * the argument (the DTB for the boot vCPU, hart_start's opaque for the
 * others), VS mode with translation and interrupts off. */
void vcpu_reset(struct vcpu *vcpu)
{
    struct guest_regs *regs = vcpu->arch.regs;

    memset(regs, 0, sizeof(*regs));
    regs->x[10] = vcpu->id;
    regs->x[11] = vcpu->entry_arg;
    regs->sepc = vcpu->entry;
    vcpu->arch.injected = false;
    atomic_store(&vcpu->arch.raised, 0);
    csr_write(CSR_VSSTATUS, 0);
    csr_write(CSR_VSIE, 0);
    csr_write(CSR_VSTVEC, 0);
    csr_write(CSR_VSSCRATCH, 0);
    csr_write(CSR_VSEPC, 0);
    csr_write(CSR_VSCAUSE, 0);
    csr_write(CSR_VSTVAL, 0);
    csr_write(CSR_VSATP, 0);
    csr_write(CSR_HVIP, 0);
    vtimer_reset(vcpu);
    fence_i(); /* its image may have been written on another hart */
}

void vcpu_unload(struct vcpu *vcpu)
{
    struct vs_context *s = &vcpu->arch.saved;

    s->vsstatus = csr_read(CSR_VSSTATUS);
    s->vsie = csr_read(CSR_VSIE);
    s->vstvec = csr_read(CSR_VSTVEC);
    s->vsscratch = csr_read(CSR_VSSCRATCH);
    s->vsepc = csr_read(CSR_VSEPC);
    s->vscause = csr_read(CSR_VSCAUSE);
    s->vstval = csr_read(CSR_VSTVAL);
    s->vsatp = csr_read(CSR_VSATP);
    s->vstimecmp = vtimer_has_sstc() ? csr_read(CSR_VSTIMECMP) : vcpu->arch.timer_deadline;
    s->hvip = csr_read(CSR_HVIP);
    /* Quiesce: no timer or interrupt outlives the vCPU on this hart. */
    vtimer_stop(vcpu);
    csr_write(CSR_HVIP, 0);
    csr_write(CSR_HGATP, 0);
}

static void vcpu_enter(struct pcpu *p, struct vcpu *vcpu)
{
    /* VMIDs are reused after a domain is gone: drop whatever this hart
     * cached before the vCPU runs (rare: not on the exit path). */
    csr_write(CSR_HGATP, stage2_hgatp(&vcpu->vm->aspace.s2));
    hfence_gvma_all();
    vinject_flush(vcpu);
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
 * itself off; that is handled here, outside its exit path. */
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
        if (vcpu && vcpu->id == 0 && !vm_ram_ready(vcpu->vm)) {
            vm_zero_pending(vcpu->vm);
            continue;
        }
        /* Interrupts stay off in HS: WFI wakes on any enabled one, and
         * they are handled here. */
        wfi();
        irq_handle_pending(vcpu && atomic_load(&vcpu->power) != VCPU_OFF ? vcpu : NULL);
    }
}
