/* A vCPU on its pCPU: start, leave, and the pCPU loop. */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

struct vcpu;
struct pcpu;

/* Registers and VS state as the vCPU starts (HSM hart_start, boot). */
void vcpu_reset(struct vcpu *vcpu);
/* Saves the VS state for inspection and quiesces the hart. */
void vcpu_unload(struct vcpu *vcpu);
/* The pCPU loop: runs the pCPU's vCPU whenever it may run, else idles. */
void pcpu_loop(struct pcpu *p) __attribute__((noreturn));

#endif
