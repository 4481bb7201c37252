/* Reading the guest instruction that trapped, when the hart gives no
 * transformed instruction in htinst (QEMU 7.2 gives none). */
#ifndef ARCH_GUEST_INSN_H
#define ARCH_GUEST_INSN_H

#include <stdint.h>

/* The instruction (16 or 32 bits) at guest virtual address pc of the vCPU
 * in the guest on this pCPU; -EFAULT if the guest could not fetch it. */
int guest_insn_fetch(uint64_t pc, uint32_t *insn);

#endif
