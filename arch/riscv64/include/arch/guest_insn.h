/* Reading the guest instruction that trapped, when the hart gives no
 * transformed instruction in htinst: through the guest's own page tables
 * (walked in software, every read checked by the address space), so that a
 * guest cannot make the hypervisor fault. */
#ifndef ARCH_GUEST_INSN_H
#define ARCH_GUEST_INSN_H

#include <stdint.h>

struct vcpu;

/* The instruction at guest virtual address pc (16 or 32 bits); -EFAULT if
 * its bytes are not guest RAM or not mapped executable. */
int guest_insn_fetch(struct vcpu *vcpu, uint64_t pc, uint32_t *insn);

#endif
