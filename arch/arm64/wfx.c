/* Trapped WFI and WFE (HCR_EL2.TWI/TWE, unless the domain runs them
 * natively). A vCPU waiting for an interrupt gives its pCPU back to the
 * hypervisor (vcpu_wait_for_irq()), as Xen does: the vCPU's CPU time then
 * counts only what it ran. */
#include <septum/boot.h>
#include <septum/vm.h>
#include <arch/vgic.h>
#include <arch/wfx.h>

/* ESR_EL2.ISS.TI: which of WFI, WFE, WFIT, WFET trapped. */
#define WFX_TI(iss) ((iss)&3)
#define WFX_TI_WFI 0

/* While it waits, the virtual timer's interrupt goes into a list register
 * (it is the guest's own timer, live on this pCPU while the vCPU sleeps);
 * an SGI from another pCPU (vcpu_kick) and a maintenance interrupt set the
 * attention flag. */
bool arch_vcpu_has_irq(const struct vcpu *vcpu)
{
    (void)vcpu;
    return vgic_lr_pending();
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
        vcpu_wait_for_irq(vcpu);
}
