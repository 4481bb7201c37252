/* Interrupts into a guest (see vinject.h). */
#include <septum/hal.h>
#include <septum/vm.h>
#include <arch/csr.h>
#include <arch/vinject.h>
#include <arch/vplic.h>

/* hvip.VSEIP follows the vCPU's PLIC context (a level). */
static void external_level(struct vcpu *vcpu)
{
    if (vplic_pending(&vcpu->vm->arch.plic, vcpu->id))
        csr_set(CSR_HVIP, 1ul << IRQ_VS_EXT);
    else
        csr_clear(CSR_HVIP, 1ul << IRQ_VS_EXT);
}

void vinject_raise(struct vcpu *vcpu, unsigned irq)
{
    atomic_fetch_or(&vcpu->arch.raised, 1ull << irq);
    vcpu_kick(vcpu);
}

void vinject_raise_own(struct vcpu *self, unsigned irq)
{
    csr_set(CSR_HVIP, 1ul << irq);
    self->irqs_injected++;
}

void vinject_flush(struct vcpu *vcpu)
{
    uint64_t raised = atomic_exchange(&vcpu->arch.raised, 0);

    if (raised) {
        csr_set(CSR_HVIP, raised);
        vcpu->irqs_injected++;
    }
    external_level(vcpu);
}

/* The virtual PLIC's word on vcpu's context: set hvip.VSEIP here if the
 * vCPU is this pCPU's, else its pCPU does it on its way back in. */
void vplic_notify(struct vcpu *vcpu)
{
    if (vcpu->pcpu == hal_current_pcpu())
        external_level(vcpu);
    else
        vcpu_kick(vcpu);
}
