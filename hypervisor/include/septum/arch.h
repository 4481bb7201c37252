/* What the core asks of the architecture (selected at build time by ARCH=). */
#ifndef SEPTUM_ARCH_H
#define SEPTUM_ARCH_H

#include <stddef.h>
#include <stdint.h>

struct vm;
struct vcpu;

/* Emulated interrupt controller and UART: state plus their MMIO ranges. */
int arch_vm_init(struct vm *vm);
void arch_vm_reset(struct vm *vm);
void arch_vm_release(struct vm *vm);
/* Number of MMIO ranges arch_vm_init() will register. */
unsigned arch_vm_device_count(const struct vm *vm);
/* Interrupt ids the virtual interrupt controller has (SPIs below it). */
unsigned arch_nr_virqs(void);
/* Builds the guest's device tree into buf; returns its size or -errno. */
int arch_build_guest_dtb(const struct vm *vm, void *buf, size_t cap);
/* Makes intid pending for the vCPU (and wakes its pCPU if needed). */
void arch_inject_irq(struct vcpu *vcpu, unsigned intid);
/* Input for the domain's console (its UART's receive side); returns how
 * many bytes it took. */
size_t arch_console_receive(struct vm *vm, const char *buf, size_t len);
/* Drops a stopped domain's stage-2 translations from every TLB. */
void arch_flush_guest_tlb(struct vm *vm);

/* Passthrough. 0 if [pa, pa + size) may be given to a domain: in the
 * machine's device space, no RAM, not the hypervisor's own devices (its
 * UART, the interrupt controller); else -EINVAL, logged. */
int arch_mmio_passable(uint64_t pa, uint64_t size);
/* 0 if physical interrupt pirq may be given to a domain: a shared one the
 * controller has, not the hypervisor's own; else -EINVAL, logged. */
int arch_irq_passable(unsigned pirq);
/* Delivers physical pirq to the created domain as virtual virq, then
 * enables it; -EINVAL if virq cannot be (see vgic_bind_hw). */
int arch_irq_bind(struct vm *vm, unsigned pirq, unsigned virq);
/* Disables pirq and clears its pending and active state. */
void arch_irq_unbind(unsigned pirq);

#endif
