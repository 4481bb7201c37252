/* Trapped WFI and WFE. */
#ifndef ARCH_WFX_H
#define ARCH_WFX_H

#include <stdint.h>

struct vcpu;
struct guest_regs;

/* A trapped WFx (ESR_EL2.ISS = iss): WFI sleeps the pCPU until the vCPU
 * has an interrupt pending or must look at its state; WFE returns. */
void handle_wfx(struct vcpu *vcpu, struct guest_regs *regs, uint32_t iss);

#endif
