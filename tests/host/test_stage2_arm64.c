/* arm64's stage-2 specifics (the walker's common tests are test_stage2.c):
 * VTTBR_EL2, and the descriptors' page and block forms. */
#include <arch/stage2.h>
#include "check.h"
#include "test_hal.h"

#define MIB (1ull << 20)

TEST(vttbr_names_vmid_and_root)
{
    struct stage2 s2;

    CHECK_EQ(stage2_init(&s2, 3), 0);
    CHECK_EQ(vttbr_of(&s2) >> 48, 3);
    CHECK_EQ(vttbr_of(&s2) & ((1ull << 48) - 1), (uint64_t)(uintptr_t)s2.root);
    stage2_release(&s2);
}

/* Bit 1 marks a level-3 page; a level-2 block has it clear (with it set,
 * the MMU would read the block as a table). */
TEST(stage2_pages_and_blocks_have_their_own_form)
{
    struct stage2 s2;
    uint64_t *level2;

    CHECK_EQ(stage2_init(&s2, 1), 0);
    CHECK_EQ(stage2_map(&s2, 0x40000000, 0x80000000, 2 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(stage2_map(&s2, 0x40200000, 0x80201000, 0x1000, STAGE2_DEVICE), 0);
    level2 = (uint64_t *)(uintptr_t)(s2.root[1] & 0x0000fffffffff000ull);
    CHECK_EQ(level2[0] & 3, 1);
    CHECK_EQ(level2[0] & 0x0000fffffffff000ull, 0x80000000);
    CHECK_EQ(((uint64_t *)(uintptr_t)(level2[1] & 0x0000fffffffff000ull))[0] & 3, 3);
    stage2_release(&s2);
}
