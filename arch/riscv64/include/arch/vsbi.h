/* The SBI a guest sees: base, TIME, IPI, RFENCE, HSM, SRST and Septum's
 * hypercalls as a vendor extension (public/septum.h's calls, FID = call
 * number, a0..a4 = arguments; a0 = status, a1..a3 = results). */
#ifndef ARCH_VSBI_H
#define ARCH_VSBI_H

struct vcpu;
struct guest_regs;

/* Handles the guest's ecall: a7 = EID, a6 = FID, a0..a5 = arguments;
 * writes a0 (error) and a1 (value). */
void vsbi_call(struct vcpu *vcpu, struct guest_regs *regs);

#endif
