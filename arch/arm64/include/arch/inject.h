/* Making the vCPU that just exited take a synchronous exception at its own
 * EL1, as Xen and KVM do for a guest's mistakes they can attribute: the
 * guest's handler runs next, and the guest lives on if it copes. */
#ifndef ARCH_INJECT_H
#define ARCH_INJECT_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/types.h>

/* The instruction at regs->elr is UNDEFINED for the guest. */
void inject_undef(struct guest_regs *regs);
/* The data access by the instruction at regs->elr to virtual address far
 * took a synchronous external abort. */
void inject_data_abort(struct guest_regs *regs, uint64_t far, bool write);

#endif
