/* arm64 hooks of a domain's life: its virtual GIC and vCPU identities, and
 * the way in for interrupts. */
#include <septum/arch.h>
#include <septum/vm.h>
#include <arch/stage2.h>
#include <arch/pcpu.h>
#include <arch/sysreg.h>
#include <arch/vgic.h>

#define MPIDR_RES1 (1ull << 31)
#define VM_DEVICES 2 /* distributor, redistributors */

unsigned arch_vm_device_count(const struct vm *vm)
{
    (void)vm;
    return VM_DEVICES;
}

unsigned arch_nr_virqs(void)
{
    return VGIC_NR_IRQS;
}

int arch_vm_init(struct vm *vm)
{
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        struct vcpu *v = &vm->vcpus[i];

        v->arch.regs = &pcpus[v->pcpu].regs;
        v->arch.vmpidr = MPIDR_RES1 | i; /* vCPU i is Aff0 = i */
    }
    return vgic_vm_init(vm);
}

void arch_vm_reset(struct vm *vm)
{
    vgic_vm_reset(vm);
}

void arch_inject_irq(struct vcpu *vcpu, unsigned intid)
{
    if (intid < 32)
        vgic_inject(vcpu, intid);
    else
        vgic_inject_spi(vcpu->vm, intid); /* the distributor knows its vCPU */
}

void arch_vm_release(struct vm *vm)
{
    vgic_unbind_hw(vm); /* the rest lives in struct vm and the device table */
}

void arch_flush_guest_tlb(struct vm *vm)
{
    uint64_t saved = read_sysreg(vttbr_el2);

    /* TLB invalidation by VMID acts on the VMID in VTTBR_EL2. */
    write_sysreg(vttbr_el2, vttbr_of(&vm->aspace.s2));
    isb();
    __asm__ volatile("tlbi vmalls12e1is\n\tdsb ish" ::: "memory");
    write_sysreg(vttbr_el2, saved);
    isb();
}
