/* Interrupts into a guest (see vinject.h). */
#include <septum/vm.h>
#include <arch/csr.h>
#include <arch/vinject.h>

void vinject_raise(struct vcpu *vcpu, unsigned irq)
{
    atomic_fetch_or(&vcpu->arch.raised, 1ull << irq);
    vcpu_kick(vcpu);
}

void vinject_flush(struct vcpu *vcpu)
{
    uint64_t raised = atomic_exchange(&vcpu->arch.raised, 0);

    if (raised) {
        csr_set(CSR_HVIP, raised);
        vcpu->irqs_injected++;
    }
}

void vinject_after_mmio(struct vcpu *vcpu)
{
    (void)vcpu; /* the virtual PLIC's line comes with branch devices */
}
