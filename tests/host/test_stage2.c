/* Stage-2 table format: blocks where aligned, pages elsewhere. */
#include <septum/errno.h>
#include <arch/stage2.h>
#include "check.h"
#include "test_hal.h"

#define MIB (1ull << 20)

TEST(stage2_uses_blocks_when_aligned)
{
    struct stage2 s2;
    uint64_t pa;
    enum stage2_type type;

    CHECK_EQ(arch_stage2_init(&s2, 3), 0);
    CHECK_EQ(arch_stage2_map(&s2, 0x40000000, 0x80000000, 64 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(s2.tables, 2); /* root + one level-2 table: 32 blocks, no level 3 */
    CHECK_EQ(arch_stage2_lookup(&s2, 0x40000000 + 5 * MIB + 0x123, &pa, &type), 0);
    CHECK_EQ(pa, 0x80000000 + 5 * MIB + 0x123);
    CHECK_EQ(type, STAGE2_RAM);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x40000000 + 64 * MIB, &pa, NULL), -EFAULT);
    CHECK_EQ(stage2_vttbr(&s2) >> 48, 3);
    arch_stage2_release(&s2);
    CHECK_EQ(s2.tables, 0);
}

TEST(stage2_falls_back_to_pages)
{
    struct stage2 s2;
    uint64_t pa;
    enum stage2_type type;

    CHECK_EQ(arch_stage2_init(&s2, 1), 0);
    /* PA only 4 KiB aligned: every mapping is a page. */
    CHECK_EQ(arch_stage2_map(&s2, 0x40000000, 0x80001000, 4 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(s2.tables, 4); /* root, level 2, two level-3 tables */
    CHECK_EQ(arch_stage2_map(&s2, 0x09000000, 0x09000000, 0x1000, STAGE2_DEVICE), 0);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x09000010, &pa, &type), 0);
    CHECK_EQ(pa, 0x09000010);
    CHECK_EQ(type, STAGE2_DEVICE);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x40000000 + 3 * MIB + 8, &pa, NULL), 0);
    CHECK_EQ(pa, 0x80001000 + 3 * MIB + 8);
    arch_stage2_release(&s2);
}

TEST(stage2_rejects_bad_requests)
{
    struct stage2 s2;
    uint64_t pa;

    CHECK_EQ(arch_stage2_init(&s2, 1), 0);
    CHECK_EQ(arch_stage2_map(&s2, 0x40000800, 0x80000000, 0x1000, STAGE2_RAM), -EINVAL);
    CHECK_EQ(arch_stage2_map(&s2, 0x40000000, 0x80000000, 0, STAGE2_RAM), -EINVAL);
    CHECK_EQ(arch_stage2_map(&s2, 1ull << 39, 0x80000000, 0x1000, STAGE2_RAM), -EINVAL);
    CHECK_EQ(arch_stage2_map(&s2, (1ull << 39) - 0x1000, 0x80000000, 0x2000, STAGE2_RAM), -EINVAL);
    CHECK_EQ(arch_stage2_map(&s2, 0x40000000, 0x80000000, 2 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(arch_stage2_map(&s2, 0x40000000, 0x90000000, 2 * MIB, STAGE2_RAM), -EEXIST);
    CHECK_EQ(arch_stage2_map(&s2, 0x40001000, 0x90000000, 0x1000, STAGE2_RAM), -EEXIST);
    CHECK_EQ(arch_stage2_lookup(&s2, ~0ull, &pa, NULL), -EFAULT);
    CHECK_EQ(arch_stage2_unmap(&s2, 0x40000000, 2 * MIB), 0);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x40000000, &pa, NULL), -EFAULT);
    arch_stage2_release(&s2);
}
