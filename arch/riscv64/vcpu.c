/* A vCPU on its pCPU (septum/arch.h): reset, entry, unload, idle. */
#include <septum/arch.h>
#include <septum/hal.h>
#include <septum/string.h>
#include <septum/vm.h>
#include <arch/csr.h>
#include <arch/fence.h>
#include <arch/gstage.h>
#include <arch/irq.h>
#include <arch/machine.h>
#include <arch/pcpu.h>
#include <arch/vinject.h>
#include <arch/vtimer.h>

#define VS_INTERRUPTS (1ul << IRQ_VS_SOFT | 1ul << IRQ_VS_TIMER | 1ul << IRQ_VS_EXT)

/* Boot protocol (Linux's on RISC-V, SBI HSM's alike): a0 = hart id, a1 =
 * the argument (the DTB for the boot vCPU, hart_start's opaque for the
 * others), VS mode with translation and interrupts off. */
void arch_vcpu_reset(struct vcpu *vcpu)
{
    struct guest_regs *regs = vcpu->arch.regs;

    memset(regs, 0, sizeof(*regs));
    regs->x[10] = vcpu->id;
    regs->x[11] = vcpu->entry_arg;
    regs->sepc = vcpu->entry;
    atomic_store(&vcpu->arch.raised, 0);
    vcpu->arch.injected = false;
    csr_write(CSR_VSSTATUS, 0);
    csr_write(CSR_VSIE, 0);
    csr_write(CSR_VSTVEC, 0);
    csr_write(CSR_VSSCRATCH, 0);
    csr_write(CSR_VSEPC, 0);
    csr_write(CSR_VSCAUSE, 0);
    csr_write(CSR_VSTVAL, 0);
    csr_write(CSR_VSATP, 0);
    csr_write(CSR_HVIP, 0);
    /* Its first entry is into its supervisor mode, interrupts off. */
    csr_set(CSR_HSTATUS, HSTATUS_SPVP);
    csr_set(CSR_SSTATUS, SSTATUS_SPP);
    csr_clear(CSR_SSTATUS, SSTATUS_SPIE);
    vtimer_reset(vcpu);
    if (machine.fpu_d)
        fp_clear();
    fence_i(); /* its image may have been written on another hart */
}

void arch_vcpu_unload(struct vcpu *vcpu)
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
    s->vstimecmp = machine.sstc ? csr_read(CSR_VSTIMECMP) : vcpu->arch.timer_deadline;
    s->hvip = csr_read(CSR_HVIP);
    /* Quiesce: no timer or interrupt outlives the vCPU on this hart. */
    vtimer_stop(vcpu);
    csr_write(CSR_HVIP, 0);
    csr_write(CSR_HGATP, 0);
}

void arch_vcpu_enter(struct vcpu *vcpu)
{
    struct pcpu *p = this_pcpu();

    /* WFI traps (a virtual-instruction exception) unless the domain asked
     * for the native one. */
    if (vcpu->vm->config.native_wfi)
        csr_clear(CSR_HSTATUS, HSTATUS_VTW);
    else
        csr_set(CSR_HSTATUS, HSTATUS_VTW);
    /* VMIDs are reused after a domain is gone: drop whatever this hart
     * cached before the vCPU runs (rare: not on the exit path). */
    csr_write(CSR_HGATP, gstage_hgatp(&vcpu->vm->aspace.s2));
    hfence_gvma_all();
    vinject_flush(vcpu);
    p->vcpu = vcpu;
    guest_run(p);
}

/* hie's VS bits are the guest's vsie (hideleg delegates them). */
bool arch_vcpu_has_irq(const struct vcpu *vcpu)
{
    (void)vcpu; /* the one in the guest on this pCPU */
    return (csr_read(CSR_HIP) & csr_read(CSR_HIE) & VS_INTERRUPTS) != 0;
}

/* Interrupts stay off in HS: WFI wakes on any enabled one, handled here. */
void arch_idle(struct vcpu *owner)
{
    wfi();
    irq_handle_pending(owner);
}
