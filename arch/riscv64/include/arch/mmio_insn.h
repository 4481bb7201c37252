/* Decoding of the loads and stores a guest page fault can come from: the
 * integer forms of the base ISA and of the C extension (the only ones an
 * emulated device register can take), from the instruction itself or from
 * the transformed instruction htinst gives. Plain C, tested on the host. */
#ifndef ARCH_MMIO_INSN_H
#define ARCH_MMIO_INSN_H

#include <stdbool.h>
#include <stdint.h>

struct mmio_insn {
    bool write;
    bool sign_extend; /* a load of fewer than 64 bits that sign-extends */
    unsigned size;    /* bytes: 1, 2, 4 or 8 */
    unsigned reg;     /* rd of a load, rs2 of a store */
    unsigned length;  /* of the trapping instruction: 2 or 4 bytes */
};

/* The length of the instruction whose first 16 bits are low: 2 or 4 (the
 * longer encodings are not loads or stores: 0). */
unsigned insn_length(uint16_t low);
/* Decodes insn (a 16-bit one in the low half); -EINVAL if it is not an
 * integer load or store. */
int mmio_insn_decode(uint32_t insn, struct mmio_insn *out);
/* The same from htinst's transformed instruction (bit 0 set; bit 1 clear
 * when the trapping instruction was a compressed one). -EINVAL for any
 * other htinst value. */
int mmio_insn_from_htinst(uint64_t htinst, struct mmio_insn *out);
/* A read's value as the load leaves it in its register. */
uint64_t mmio_insn_loaded(const struct mmio_insn *insn, uint64_t value);

#endif
