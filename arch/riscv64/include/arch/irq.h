/* The hypervisor's own (HS-mode) interrupts: kicks from other pCPUs (SSIP,
 * sent through SBI IPI), the physical PLIC (its console's receive line) and,
 * without Sstc, its timer standing in for a guest's. */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

struct vcpu;

/* Enables the interrupts a pCPU takes (sie); once per pCPU. */
void irq_init_cpu(void);
/* One interrupt, by its scause code, taken while vcpu (maybe NULL) owns
 * the pCPU. */
void irq_handle(struct vcpu *vcpu, unsigned long code);
/* Every interrupt pending and enabled (after a WFI with interrupts off). */
void irq_handle_pending(struct vcpu *vcpu);

#endif
