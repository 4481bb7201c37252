/* The stage-2 walker (septum/stage2.h) with this build's descriptor
 * format: built into both core-tests (arm64) and riscv64-tests. */
#include <septum/errno.h>
#include <septum/stage2.h>
#include "check.h"
#include "test_hal.h"

#define MIB (1ull << 20)
#define IPA_LIMIT (1ull << ARCH_IPA_BITS)

TEST(stage2_uses_2mib_blocks_when_aligned)
{
    struct stage2 s2;
    uint64_t pa;
    enum stage2_type type;

    CHECK_EQ(stage2_init(&s2, 3), 0);
    CHECK_EQ(stage2_map(&s2, 0x80000000, 0x100000000, 64 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(s2.tables, 2); /* root + one table of 32 blocks, no page table */
    CHECK_EQ(stage2_lookup(&s2, 0x80000000 + 5 * MIB + 0x123, &pa, &type), 0);
    CHECK_EQ(pa, 0x100000000 + 5 * MIB + 0x123);
    CHECK_EQ(type, STAGE2_RAM);
    CHECK_EQ(stage2_lookup(&s2, 0x80000000 + 64 * MIB, &pa, NULL), -EFAULT);
    stage2_release(&s2);
    CHECK_EQ(s2.tables, 0);
    CHECK_EQ(test_pages_in_use, 0);
}

TEST(stage2_falls_back_to_pages)
{
    struct stage2 s2;
    uint64_t pa;
    enum stage2_type type;

    CHECK_EQ(stage2_init(&s2, 1), 0);
    /* PA only 4 KiB aligned: every mapping is a page. */
    CHECK_EQ(stage2_map(&s2, 0x80000000, 0x90001000, 4 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(s2.tables, 4); /* root, one block-level table, two page tables */
    CHECK_EQ(stage2_map(&s2, 0x10000000, 0x10000000, 0x1000, STAGE2_DEVICE), 0);
    CHECK_EQ(stage2_lookup(&s2, 0x10000010, &pa, &type), 0);
    CHECK_EQ(pa, 0x10000010);
    CHECK_EQ(type, STAGE2_DEVICE);
    CHECK_EQ(stage2_lookup(&s2, 0x80000000 + 3 * MIB + 8, &pa, &type), 0);
    CHECK_EQ(pa, 0x90001000 + 3 * MIB + 8);
    CHECK_EQ(type, STAGE2_RAM);
    stage2_release(&s2);
    CHECK_EQ(test_pages_in_use, 0);
}

/* The root reaches the top of ARCH_IPA_BITS (RISC-V's Sv39x4 root has two
 * more index bits than a table): the top bit selects distinct entries,
 * not aliases of the lower half. */
TEST(stage2_root_covers_every_ipa_bit)
{
    struct stage2 s2;
    uint64_t pa;
    uint64_t top = IPA_LIMIT - 2 * MIB;

    CHECK_EQ(stage2_init(&s2, 1), 0);
    CHECK_EQ(stage2_map(&s2, top, 0x80000000, 2 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(stage2_lookup(&s2, top + 0x10, &pa, NULL), 0);
    CHECK_EQ(pa, 0x80000010);
    CHECK_EQ(stage2_lookup(&s2, top & (IPA_LIMIT / 2 - 1), &pa, NULL), -EFAULT);
    stage2_release(&s2);
}

TEST(stage2_rejects_bad_requests)
{
    struct stage2 s2;
    uint64_t pa;

    CHECK_EQ(stage2_init(&s2, 1), 0);
    CHECK_EQ(stage2_map(&s2, 0x80000800, 0x80000000, 0x1000, STAGE2_RAM), -EINVAL);
    CHECK_EQ(stage2_map(&s2, 0x80000000, 0x80000000, 0, STAGE2_RAM), -EINVAL);
    CHECK_EQ(stage2_map(&s2, IPA_LIMIT, 0x80000000, 0x1000, STAGE2_RAM), -EINVAL);
    CHECK_EQ(stage2_map(&s2, IPA_LIMIT - 0x1000, 0x80000000, 0x2000, STAGE2_RAM), -EINVAL);
    CHECK_EQ(stage2_map(&s2, 0x80000000, 0x80000000, 2 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(stage2_map(&s2, 0x80000000, 0x90000000, 2 * MIB, STAGE2_RAM), -EEXIST);
    CHECK_EQ(stage2_map(&s2, 0x80001000, 0x90000000, 0x1000, STAGE2_RAM), -EEXIST);
    CHECK_EQ(stage2_lookup(&s2, ~0ull, &pa, NULL), -EFAULT);
    CHECK_EQ(stage2_unmap(&s2, 0x80001000, 0x1000), -EINVAL); /* inside a block */
    CHECK_EQ(stage2_unmap(&s2, 0x80000000, 2 * MIB), 0);
    CHECK_EQ(stage2_lookup(&s2, 0x80000000, &pa, NULL), -EFAULT);
    stage2_release(&s2);
    CHECK_EQ(test_pages_in_use, 0);
}
