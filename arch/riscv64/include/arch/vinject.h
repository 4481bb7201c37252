/* Interrupts into a guest: hvip bits, which only the vCPU's own pCPU
 * writes. Other CPUs raise them through vcpu_arch.raised and a kick. */
#ifndef ARCH_VINJECT_H
#define ARCH_VINJECT_H

#include <stdint.h>

struct vcpu;

/* Raises hvip bit `irq` (IRQ_VS_SOFT) for vcpu, from any CPU. */
void vinject_raise(struct vcpu *vcpu, unsigned irq);
/* The same from self's own exit path (its hvip is live in this hart):
 * straight into hvip, with no kick and no pass through exit_attention. */
void vinject_raise_own(struct vcpu *self, unsigned irq);
/* On the vCPU's own pCPU: what was raised goes into hvip, and VSEIP
 * follows the virtual PLIC. */
void vinject_flush(struct vcpu *vcpu);

#endif
