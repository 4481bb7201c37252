/* Exceptions injected into a guest's EL1: syndrome, vector and PSTATE. */
#include <arch/vexception.h>
#include "check.h"

#define EL0T 0x0ull
#define EL1T 0x4ull
#define EL1H 0x5ull

TEST(vexception_syndromes)
{
    CHECK_EQ(vexc_esr_undef(), 0x02000000); /* EC 0, IL 1, ISS 0 */
    /* EC 0x25 (same EL) or 0x24 (from EL0), IL, WnR, DFSC 0x10. */
    CHECK_EQ(vexc_esr_data_abort(EL1H, true), 0x96000050);
    CHECK_EQ(vexc_esr_data_abort(EL1T | 0x3c0, false), 0x96000010);
    CHECK_EQ(vexc_esr_data_abort(EL0T, false), 0x92000010);
    CHECK_EQ(vexc_esr_data_abort(EL0T, true), 0x92000050);
}

TEST(vexception_vector_follows_the_interrupted_state)
{
    CHECK_EQ(vexc_sync_vector(EL1T), 0x000);
    CHECK_EQ(vexc_sync_vector(EL1H | 0x3c0), 0x200);
    CHECK_EQ(vexc_sync_vector(EL0T | 0xf0000000), 0x400);
}

TEST(vexception_handler_pstate)
{
    uint64_t sctlr_v80 = 0x30d00800; /* RES1 bits; SPAN (bit 23) among them */

    /* EL1h with DAIF masked, whatever the guest ran with; flags kept. */
    CHECK_EQ(vexc_handler_pstate(EL0T, sctlr_v80, false), 0x3c5);
    CHECK_EQ(vexc_handler_pstate(EL1T | 0xf0000000, sctlr_v80, false), 0xf00003c5);
    /* Single-step, illegal-state, BTYPE and UAO do not survive; DIT does. */
    CHECK_EQ(vexc_handler_pstate(EL1H | 1ull << 21 | 1ull << 20 | 3ull << 10 | 1ull << 23,
                                 sctlr_v80, true),
             0x3c5);
    CHECK_EQ(vexc_handler_pstate(EL1H | 1ull << 24, sctlr_v80, false), 0x10003c5);
    /* PAN: set on entry when SCTLR_EL1.SPAN = 0 on a CPU that has it,
     * otherwise kept as it was. */
    CHECK_EQ(vexc_handler_pstate(EL0T, sctlr_v80 & ~(1ull << 23), true), 0x4003c5);
    CHECK_EQ(vexc_handler_pstate(EL0T, sctlr_v80 & ~(1ull << 23), false), 0x3c5);
    CHECK_EQ(vexc_handler_pstate(EL1H | 1ull << 22, sctlr_v80, true), 0x4003c5);
    /* SSBS takes the value SCTLR_EL1.DSSBS asks for. */
    CHECK_EQ(vexc_handler_pstate(EL1H, sctlr_v80 | 1ull << 44, false), 0x13c5);
    CHECK_EQ(vexc_handler_pstate(EL1H | 1ull << 12, sctlr_v80, false), 0x3c5);
}
