/* Decoding single-register loads and stores for MMIO emulation without a
 * syndrome. The three encoding groups (Arm ARM, "Loads and Stores"):
 *
 *   size:2 111 V 01 opc:2 imm12:12                 Rn Rt   unsigned immediate
 *   size:2 111 V 00 opc:2 0 imm9:9 idx:2           Rn Rt   idx 00 unscaled,
 *                            01 post-index, 10 unprivileged, 11 pre-index
 *   size:2 111 V 00 opc:2 1 Rm:5 option:3 S 10     Rn Rt   register offset
 *
 * The hardware reports the faulting address, so immediates and index
 * registers matter only for writeback; what is decoded here is the access
 * (size, direction, extension) and the base-register update. */
#include <septum/errno.h>
#include <arch/dabt.h>
#include <arch/mmio_decode.h>

#define GROUP_MASK 0x3b000000u /* bits 29-27 and 25-24; V (bit 26) apart */
#define GROUP_UNSIGNED_IMM 0x39000000u
#define GROUP_IMM9_OR_REG 0x38000000u
#define IS_REGISTER_FORM (1u << 21)
#define SIMD_FP (1u << 26)

#define IDX_POST 1u
#define IDX_PRE 3u
#define REG_OFFSET_TAG 2u /* bits 11-10 of the register-offset form */

#define OPC_STORE 0u
#define OPC_LOAD 1u
#define OPC_LOAD_SIGNED_X 2u
#define OPC_LOAD_SIGNED_W 3u

static unsigned field(uint32_t insn, unsigned shift, unsigned bits)
{
    return (insn >> shift) & ((1u << bits) - 1);
}

static int64_t imm9(uint32_t insn)
{
    int64_t imm = field(insn, 12, 9);

    return imm & 0x100 ? imm - 0x200 : imm;
}

/* Sorts the addressing mode out: whether the group is a single-register
 * form at all, and whether it writes the base back. */
static int decode_addressing(uint32_t insn, struct mmio_insn *out)
{
    unsigned idx = field(insn, 10, 2);

    out->writeback = false;
    out->offset = 0;
    if ((insn & GROUP_MASK) == GROUP_UNSIGNED_IMM)
        return 0;
    if ((insn & GROUP_MASK) != GROUP_IMM9_OR_REG)
        return -EOPNOTSUPP; /* pairs, exclusives, literals, ... */
    if (insn & IS_REGISTER_FORM) {
        /* Bits 11-10 other than 10 are atomics and pointer-authenticated
         * loads; option<1> = 0 (a 8- or 16-bit extend) is unallocated. */
        if (idx != REG_OFFSET_TAG || !(field(insn, 13, 3) & 2))
            return -EOPNOTSUPP;
        return 0;
    }
    if (idx == IDX_POST || idx == IDX_PRE) {
        out->writeback = true;
        out->offset = imm9(insn);
    }
    return 0;
}

int mmio_decode(uint32_t insn, struct mmio_insn *out)
{
    unsigned size = field(insn, 30, 2), opc = field(insn, 22, 2);
    int err = decode_addressing(insn, out);

    if (err || (insn & SIMD_FP))
        return -EOPNOTSUPP;
    out->size = 1u << size;
    out->rt = field(insn, 0, 5);
    out->rn = field(insn, 5, 5);
    out->write = opc == OPC_STORE;
    out->sign = opc == OPC_LOAD_SIGNED_X || opc == OPC_LOAD_SIGNED_W;
    out->wide = size == 3 || opc == OPC_LOAD_SIGNED_X;
    /* Signed loads exist up to LDRSW into Xt and LDRSH into Wt; the other
     * encodings there are prefetches (PRFM, PRFUM) or unallocated. */
    if ((opc == OPC_LOAD_SIGNED_X && size == 3) || (opc == OPC_LOAD_SIGNED_W && size >= 2))
        return -EOPNOTSUPP;
    /* Writeback into the transferred register is CONSTRAINED UNPREDICTABLE
     * (register 31 is XZR as Rt but SP as Rn, so never the same one). */
    if (out->writeback && out->rn == out->rt && out->rn != MMIO_REG_ZR_SP)
        return -EOPNOTSUPP;
    return 0;
}

uint32_t mmio_insn_iss(const struct mmio_insn *insn)
{
    unsigned sas = (unsigned)__builtin_ctz(insn->size);

    return DABT_ISV | sas << DABT_SAS_SHIFT | (insn->sign ? DABT_SSE : 0) |
           insn->rt << DABT_SRT_SHIFT | (insn->wide ? DABT_SF : 0) | (insn->write ? DABT_WNR : 0);
}
