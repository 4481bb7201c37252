/* Trapped WFI and WFE (HCR_EL2.TWI/TWE, unless the domain runs them
 * natively). A vCPU waiting for an interrupt gives its pCPU back to the
 * hypervisor, which sleeps in WFI itself until the vCPU has something to
 * do, as Xen does: the vCPU's CPU time then counts only what it ran. */
#include <septum/hal.h>
#include <septum/vm.h>
#include <arch/irq.h>
#include <arch/sysreg.h>
#include <arch/vgic.h>
#include <arch/wfx.h>

/* ESR_EL2.ISS.TI: which of WFI, WFE, WFIT, WFET trapped. */
#define WFX_TI(iss) ((iss)&3)
#define WFX_TI_WFI 0

/* Sleeps until the vCPU has an interrupt to take or its state changed.
 * The exit path runs with interrupts masked at EL2; a physical interrupt
 * that becomes pending still ends the WFI, and is handled here: the virtual
 * timer's goes into a list register (it is the guest's own timer, live on
 * this pCPU while the vCPU sleeps), an SGI from another pCPU (vcpu_kick:
 * an SGI, PPI or SPI for this vCPU, a pause or a stop) set `attention`
 * before it was sent, and a maintenance interrupt sets it too. The checks
 * come before every WFI, so nothing raised before one is slept through. */
static void sleep_until_interrupt(struct vcpu *vcpu)
{
    uint64_t now = hal_time_ns();

    atomic_store_explicit(&vcpu->in_guest, false, memory_order_relaxed);
    vcpu->run_ns += now - vcpu->loaded_at;
    while (!atomic_load_explicit(&vcpu->attention, memory_order_acquire) && !vgic_lr_pending()) {
        wfi();
        irq_handle_pending(vcpu);
    }
    vcpu->loaded_at = hal_time_ns();
    atomic_store_explicit(&vcpu->in_guest, true, memory_order_relaxed);
}

/* WFE (and WFIT, WFET) returns at once, as on Xen: with no other vCPU to
 * give the pCPU to, a yield has nothing to do, and the guest's spin lock
 * (the usual user of WFE) is released by a vCPU on another pCPU whose SEV
 * the hypervisor would not see. WFIT's timeout is honoured early, which
 * the architecture allows (any WFx may complete spuriously). */
void handle_wfx(struct vcpu *vcpu, struct guest_regs *regs, uint32_t iss)
{
    regs->elr += 4;
    if (WFX_TI(iss) == WFX_TI_WFI)
        sleep_until_interrupt(vcpu);
}
