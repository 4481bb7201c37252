/* riscv64 hooks of a domain's life (septum/arch.h): its vCPUs' register
 * frames, its virtual PLIC, and the way in for its device interrupts. */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/log.h>
#include <septum/vm.h>
#include <arch/pcpu.h>
#include <arch/sbi.h>
#include <arch/vplic.h>

#define VM_DEVICES 1 /* the PLIC */

unsigned arch_vm_device_count(const struct vm *vm)
{
    (void)vm;
    return VM_DEVICES;
}

unsigned arch_nr_virqs(void)
{
    return VPLIC_NDEV + 1;
}

int arch_vm_init(struct vm *vm)
{
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++)
        vm->vcpus[i].arch.regs = &pcpus[vm->vcpus[i].pcpu].regs;
    return vplic_init(vm, &vm->arch.plic);
}

void arch_vm_reset(struct vm *vm)
{
    vplic_reset(&vm->arch.plic);
}

void arch_vm_release(struct vm *vm)
{
    (void)vm; /* the PLIC lives in struct vm and the device table */
}

/* A device line: one request (the way in has no falling edge), which the
 * PLIC routes to the context that has it enabled. */
void arch_inject_irq(struct vcpu *vcpu, unsigned irq)
{
    vplic_trigger(&vcpu->vm->arch.plic, irq);
}

/* Every hart: a stopped domain's vCPUs ran on their own harts, and an
 * unmap while it runs must reach them all. */
void arch_flush_guest_tlb(struct vm *vm)
{
    sbi_remote_fence(SBI_RFENCE_HFENCE_GVMA_VMID, ~0ul, 0, ~0ul, vm->vmid);
}

/* Passthrough is not supported on riscv64 yet: nothing may be given. */
int arch_mmio_passable(uint64_t pa, uint64_t size)
{
    log_printf("passthrough of 0x%llx (+0x%llx): not supported on riscv64", (unsigned long long)pa,
               (unsigned long long)size);
    return -EINVAL;
}

int arch_irq_passable(unsigned pirq)
{
    log_printf("passthrough of interrupt %u: not supported on riscv64", pirq);
    return -EINVAL;
}

int arch_irq_bind(struct vm *vm, unsigned pirq, unsigned virq)
{
    (void)vm;
    (void)pirq;
    (void)virq;
    return -EINVAL;
}

void arch_irq_unbind(unsigned pirq)
{
    (void)pirq;
}
