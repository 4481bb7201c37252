/* Physical interrupts taken at EL2. */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

struct vcpu;

#include <stdbool.h>

/* Acknowledges and handles the highest-priority pending interrupt; false if
 * there was none. vcpu is the vCPU that was interrupted, or NULL when the
 * pCPU was idle. A guest exit handles one: should another be pending, the
 * guest exits again at once, which costs less than asking every time. */
bool irq_handle_one(struct vcpu *vcpu);
/* Handles every pending interrupt (the idle pCPU loop). */
void irq_handle_pending(struct vcpu *vcpu);

#endif
