/* Load/store decoding (RISC-V unprivileged spec, RV64I and RVC; privileged
 * spec, "Transformed Instruction or Pseudoinstruction for mtinst or htinst").
 * Inlined into the MMIO exit (arch/riscv64/traps.c): its result then stays
 * in registers. */
#include <septum/errno.h>
#include <arch/mmio_insn.h>

#define OPCODE_LOAD 0x03
#define OPCODE_STORE 0x23

static unsigned bits(uint32_t insn, unsigned hi, unsigned lo)
{
    return (insn >> lo) & ((1u << (hi - lo + 1)) - 1);
}

unsigned insn_length(uint16_t low)
{
    if ((low & 3) != 3)
        return 2;
    return (low & 0x1c) != 0x1c ? 4 : 0;
}

/* funct3 of LOAD: LB LH LW LD LBU LHU LWU; of STORE: SB SH SW SD. */
static inline __attribute__((always_inline)) int decode_32(uint32_t insn, struct mmio_insn *out)
{
    unsigned funct3 = bits(insn, 14, 12);

    out->length = 4;
    out->size = 1u << (funct3 & 3);
    if ((insn & 0x7f) == OPCODE_LOAD && funct3 != 7) {
        out->write = false;
        out->sign_extend = funct3 < 3;
        out->reg = bits(insn, 11, 7);
        return 0;
    }
    if ((insn & 0x7f) == OPCODE_STORE && funct3 < 4) {
        out->write = true;
        out->sign_extend = false;
        out->reg = bits(insn, 24, 20);
        return 0;
    }
    return -EINVAL;
}

/* C.LW, C.LD, C.SW, C.SD (quadrant 0, registers x8-x15) and their
 * stack-pointer forms C.LWSP, C.LDSP, C.SWSP, C.SDSP (quadrant 2). */
static inline __attribute__((always_inline)) int decode_16(uint16_t insn, struct mmio_insn *out)
{
    unsigned funct3 = bits(insn, 15, 13);
    unsigned quadrant = insn & 3;

    out->length = 2;
    out->size = (funct3 & 1) ? 8 : 4;
    out->write = funct3 >= 6;
    out->sign_extend = !out->write && out->size == 4;
    if (quadrant == 0 && (funct3 & 3) >= 2) {
        out->reg = 8 + bits(insn, 4, 2);
        return funct3 == 2 || funct3 == 3 || funct3 == 6 || funct3 == 7 ? 0 : -EINVAL;
    }
    if (quadrant == 2 && (funct3 & 3) >= 2) {
        out->reg = out->write ? bits(insn, 6, 2) : bits(insn, 11, 7);
        /* C.LWSP and C.LDSP with rd = x0 are reserved encodings. */
        return !out->write && out->reg == 0 ? -EINVAL : 0;
    }
    return -EINVAL;
}

inline __attribute__((always_inline)) int mmio_insn_decode(uint32_t insn, struct mmio_insn *out)
{
    switch (insn_length((uint16_t)insn)) {
    case 2:
        return decode_16((uint16_t)insn, out);
    case 4:
        return decode_32(insn, out);
    default:
        return -EINVAL;
    }
}

/* A transformed load or store is the 32-bit form with its offset and rs1
 * fields zero; bit 1 says whether the original was 32 bits long. */
inline __attribute__((always_inline)) int mmio_insn_from_htinst(uint64_t htinst,
                                                                struct mmio_insn *out)
{
    int err;

    if (!(htinst & 1) || htinst >> 32)
        return -EINVAL;
    err = decode_32((uint32_t)htinst | 2, out);
    if (!err)
        out->length = (htinst & 2) ? 4 : 2;
    return err;
}

inline __attribute__((always_inline)) uint64_t mmio_insn_loaded(const struct mmio_insn *insn,
                                                                uint64_t value)
{
    unsigned shift = 64 - 8 * insn->size;

    if (shift == 0)
        return value;
    if (insn->sign_extend)
        return (uint64_t)((int64_t)(value << shift) >> shift);
    return value << shift >> shift;
}
