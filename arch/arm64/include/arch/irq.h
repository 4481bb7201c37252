/* Physical interrupts taken at EL2. */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

struct vcpu;

/* Acknowledges and handles every pending interrupt; vcpu is the vCPU that
 * was interrupted, or NULL when the pCPU was idle. */
void irq_handle_pending(struct vcpu *vcpu);

#endif
