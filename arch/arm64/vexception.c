/* Synchronous exceptions taken to a guest's EL1 on the hypervisor's behalf. */
#include <arch/vexception.h>

#define EC_SHIFT 26
#define EC_UNKNOWN 0x00ull
#define EC_DABT_LOWER_EL 0x24ull
#define EC_DABT_SAME_EL 0x25ull
#define ESR_IL (1ull << 25) /* a 32-bit instruction: A64 has no other */
#define ESR_WNR (1ull << 6)
#define DFSC_SYNC_EXTERNAL 0x10ull

/* PSTATE as SPSR_ELx holds it. */
#define PSTATE_M_EL_MASK 0xcull /* M[3:2]: the Exception level */
#define PSTATE_M_SP 0x1ull      /* M[0]: SP_ELx rather than SP_EL0 */
#define PSTATE_M_EL1H 0x5ull
#define PSTATE_DAIF 0x3c0ull
#define PSTATE_SSBS (1ull << 12)
#define PSTATE_PAN (1ull << 22)
#define PSTATE_DIT (1ull << 24)
#define PSTATE_NZCV (0xfull << 28)

#define SCTLR_SPAN (1ull << 23)
#define SCTLR_DSSBS (1ull << 44)

/* Vector table offsets (Arm ARM D1.3.1): the synchronous entry of each group. */
#define VECTOR_CURRENT_SP0 0x000
#define VECTOR_CURRENT_SPX 0x200
#define VECTOR_LOWER_AARCH64 0x400

static bool from_el0(uint64_t spsr)
{
    return (spsr & PSTATE_M_EL_MASK) == 0;
}

uint64_t vexc_esr_undef(void)
{
    return EC_UNKNOWN << EC_SHIFT | ESR_IL;
}

uint64_t vexc_esr_data_abort(uint64_t spsr, bool write)
{
    uint64_t ec = from_el0(spsr) ? EC_DABT_LOWER_EL : EC_DABT_SAME_EL;

    return ec << EC_SHIFT | ESR_IL | (write ? ESR_WNR : 0) | DFSC_SYNC_EXTERNAL;
}

uint64_t vexc_sync_vector(uint64_t spsr)
{
    if (from_el0(spsr))
        return VECTOR_LOWER_AARCH64;
    return (spsr & PSTATE_M_SP) ? VECTOR_CURRENT_SPX : VECTOR_CURRENT_SP0;
}

uint64_t vexc_handler_pstate(uint64_t spsr, uint64_t sctlr_el1, bool has_pan)
{
    uint64_t pstate =
        (spsr & (PSTATE_NZCV | PSTATE_DIT | PSTATE_PAN)) | PSTATE_DAIF | PSTATE_M_EL1H;

    if (has_pan && !(sctlr_el1 & SCTLR_SPAN))
        pstate |= PSTATE_PAN;
    if (sctlr_el1 & SCTLR_DSSBS)
        pstate |= PSTATE_SSBS;
    return pstate;
}
