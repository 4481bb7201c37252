/* arm64 vCPU life cycle on its pCPU. */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

struct vcpu;
struct pcpu;

/* Puts the vCPU in its architectural reset state at its entry point. */
void vcpu_reset(struct vcpu *vcpu);
/* Saves the state of a vCPU leaving its pCPU for good and quiesces the pCPU. */
void vcpu_unload(struct vcpu *vcpu);
/* Clears the FP/SIMD registers (context.S). */
void fpsimd_clear(void);

#endif
