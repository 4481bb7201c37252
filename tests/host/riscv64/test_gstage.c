/* G-stage specifics (the walker's common tests are tests/host/
 * test_stage2.c): 1 GiB pages at the root, hgatp. */
#include <septum/errno.h>
#include <arch/gstage.h>
#include "check.h"
#include "test_hal.h"

#define MIB (1ull << 20)
#define GIB (1ull << 30)

TEST(gstage_uses_gigabyte_pages_when_aligned)
{
    struct stage2 s2;
    uint64_t pa;

    CHECK_EQ(stage2_init(&s2, 3), 0);
    /* 1 GiB + 4 MiB from a 1 GiB-aligned IPA and PA: one root leaf, then
     * two 2 MiB leaves in one level-1 table. */
    CHECK_EQ(stage2_map(&s2, 0x80000000, 0x100000000, GIB + 4 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(s2.tables, 2);
    CHECK_EQ(stage2_lookup(&s2, 0x80000000 + 777 * MIB + 0x123, &pa, NULL), 0);
    CHECK_EQ(pa, 0x100000000 + 777 * MIB + 0x123);
    CHECK_EQ(stage2_lookup(&s2, 0x80000000 + GIB + 3 * MIB, &pa, NULL), 0);
    CHECK_EQ(pa, 0x100000000 + GIB + 3 * MIB);
    CHECK_EQ(stage2_unmap(&s2, 0x80000000, 2 * MIB), -EINVAL); /* inside the 1 GiB page */
    stage2_release(&s2);
    CHECK_EQ(test_pages_in_use, 0);
}

TEST(gstage_hgatp_names_mode_vmid_and_root)
{
    struct stage2 s2;
    uint64_t hgatp;

    CHECK_EQ(stage2_init(&s2, 5), 0);
    hgatp = gstage_hgatp(&s2);
    CHECK_EQ(hgatp >> 60, 8); /* Sv39x4 */
    CHECK_EQ((hgatp >> 44) & 0x3fff, 5);
    CHECK_EQ((hgatp & ((1ull << 44) - 1)) << 12, (uint64_t)(uintptr_t)s2.root);
    CHECK_EQ((uintptr_t)s2.root & 0x3fff, 0); /* the root is 16 KiB aligned */
    stage2_release(&s2);
}
