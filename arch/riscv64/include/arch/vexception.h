/* Exceptions the hypervisor makes a guest take, as if its own hart had
 * raised them: a mistake the hypervisor can pin on one instruction
 * becomes the guest's own trap (as under Xen), not its death. */
#ifndef ARCH_VEXCEPTION_H
#define ARCH_VEXCEPTION_H

#include <stdint.h>

struct vcpu;
struct guest_regs;

/* Enters the guest's trap handler (vstvec) with vscause = cause and
 * vstval = tval, as the trapping instruction at regs->sepc. */
void vexception_inject(struct guest_regs *regs, unsigned long cause, uint64_t tval);

#endif
