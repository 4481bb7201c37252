/* Reading the guest instruction that trapped, when the hart gives no
 * transformed instruction in htinst (QEMU 7.2 gives none). */
#ifndef ARCH_GUEST_INSN_H
#define ARCH_GUEST_INSN_H

#include <stdint.h>

/* The instruction (16 or 32 bits, zero-extended) at guest virtual address
 * pc of the vCPU in the guest on this pCPU, as the guest's own fetch would
 * see it; negative if the guest could not fetch it. stval and htval are
 * left as they were. The assembly (entry.S, guest_insn_fetch_asm) uses a0,
 * a1 and t0-t3 only: called as such, the MMIO exit keeps everything else in registers
 * across it rather than in callee-saved ones. */
static inline long guest_insn_fetch(uint64_t pc)
{
    register long a0 __asm__("a0") = (long)pc;

    __asm__ volatile("call guest_insn_fetch_asm" : "+r"(a0) : : "ra", "a1", "t0", "t1", "t2", "t3");
    return a0;
}

#endif
