/* SMC Calling Convention dispatch for guests' HVC and trapped SMC calls. */
#ifndef ARCH_SMCCC_H
#define ARCH_SMCCC_H

#include <stdint.h>

struct vcpu;
struct guest_regs;

#define SMCCC_VERSION 0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_OWNER(fn) (((fn) >> 24) & 0x3f)
#define SMCCC_OWNER_ARCH 0
#define SMCCC_OWNER_STANDARD 4
#define SMCCC_OWNER_HYPERVISOR 6

void smccc_call(struct vcpu *vcpu, struct guest_regs *regs, uint16_t imm);
/* Standard service (PSCI) calls; writes the result to x0. */
void vpsci_call(struct vcpu *vcpu, struct guest_regs *regs);

#endif
