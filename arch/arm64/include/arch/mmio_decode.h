/* Decoding the A64 load or store behind a data abort that came without a
 * syndrome (ESR_EL2.ISV = 0) into the syndrome it lacked, so that it can be
 * emulated all the same. Only single general-purpose register forms are
 * emulable; everything else (pairs, SIMD&FP, exclusives, atomics) is
 * refused and the caller injects an abort. Plain C, unit-tested on the host. */
#ifndef ARCH_MMIO_DECODE_H
#define ARCH_MMIO_DECODE_H

#include <stdbool.h>
#include <stdint.h>

/* The register number that means XZR as Rt and SP as a base register Rn. */
#define MMIO_REG_ZR_SP 31

struct mmio_insn {
    unsigned size; /* bytes accessed: 1, 2, 4 or 8 */
    bool write;
    bool sign; /* a load that sign-extends (LDRSB, LDRSH, LDRSW) */
    bool wide; /* Rt is Xt, not Wt (a Wt load zeroes the upper half) */
    unsigned rt;
    unsigned rn;
    /* Pre- or post-indexed: once the access is done, Rn += offset. The
     * faulting address itself comes from the hardware, never from here. */
    bool writeback;
    int64_t offset;
};

/* Decodes one instruction; 0, or -EOPNOTSUPP for any form that is not an
 * emulable single-register load or store (or that the architecture leaves
 * UNPREDICTABLE: writeback into the register being transferred). */
int mmio_decode(uint32_t insn, struct mmio_insn *out);

/* The syndrome (ESR_EL2.ISS) the hardware would have reported for the
 * access, with ISV set: size, direction, Rt, sign extension and register
 * width, so that the syndrome path can emulate it. */
uint32_t mmio_insn_iss(const struct mmio_insn *insn);

#endif
