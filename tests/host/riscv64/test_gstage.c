/* G-stage table format: the largest page alignment allows, pages elsewhere,
 * the Sv39x4 root's extra index bits, hgatp. */
#include <septum/errno.h>
#include <septum/arch.h>
#include <arch/gstage.h>
#include "check.h"
#include "test_hal.h"

#define MIB (1ull << 20)
#define GIB (1ull << 30)

TEST(gstage_uses_gigabyte_and_megabyte_pages_when_aligned)
{
    struct stage2 s2;
    uint64_t pa;
    enum stage2_type type;

    CHECK_EQ(arch_stage2_init(&s2, 3), 0);
    /* 1 GiB + 4 MiB from a 1 GiB-aligned IPA and PA: one root leaf, then
     * two 2 MiB leaves in one level-1 table. */
    CHECK_EQ(arch_stage2_map(&s2, 0x80000000, 0x100000000, GIB + 4 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(s2.tables, 2);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x80000000 + 777 * MIB + 0x123, &pa, &type), 0);
    CHECK_EQ(pa, 0x100000000 + 777 * MIB + 0x123);
    CHECK_EQ(type, STAGE2_RAM);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x80000000 + GIB + 3 * MIB, &pa, NULL), 0);
    CHECK_EQ(pa, 0x100000000 + GIB + 3 * MIB);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x80000000 + GIB + 4 * MIB, &pa, NULL), -EFAULT);
    arch_stage2_release(&s2);
    CHECK_EQ(s2.tables, 0);
    CHECK_EQ(test_pages_in_use, 0);
}

TEST(gstage_falls_back_to_small_pages)
{
    struct stage2 s2;
    uint64_t pa;
    enum stage2_type type;

    CHECK_EQ(arch_stage2_init(&s2, 1), 0);
    /* PA only 4 KiB aligned: every mapping is a 4 KiB page. */
    CHECK_EQ(arch_stage2_map(&s2, 0x80000000, 0x90001000, 4 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(s2.tables, 4); /* root, level 1, two level-0 tables */
    CHECK_EQ(arch_stage2_map(&s2, 0x10000000, 0x10000000, 0x1000, STAGE2_DEVICE), 0);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x10000010, &pa, &type), 0);
    CHECK_EQ(pa, 0x10000010);
    CHECK_EQ(type, STAGE2_DEVICE);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x80000000 + 3 * MIB + 8, &pa, NULL), 0);
    CHECK_EQ(pa, 0x90001000 + 3 * MIB + 8);
    arch_stage2_release(&s2);
    CHECK_EQ(test_pages_in_use, 0);
}

/* Sv39x4 reaches 2 TiB: the root's two extra index bits select distinct
 * entries, not aliases of the low 512 GiB. */
TEST(gstage_root_covers_41_bits)
{
    struct stage2 s2;
    uint64_t pa;

    CHECK_EQ(arch_stage2_init(&s2, 1), 0);
    CHECK_EQ(arch_stage2_map(&s2, 0x1ff00000000ull, 0x80000000, 2 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x1ff00000000ull, &pa, NULL), 0);
    CHECK_EQ(pa, 0x80000000);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x1ff00000000ull & ((1ull << 39) - 1), &pa, NULL), -EFAULT);
    arch_stage2_release(&s2);
}

TEST(gstage_rejects_bad_requests)
{
    struct stage2 s2;
    uint64_t pa;

    CHECK_EQ(arch_stage2_init(&s2, 1), 0);
    CHECK_EQ(arch_stage2_map(&s2, 0x80000800, 0x80000000, 0x1000, STAGE2_RAM), -EINVAL);
    CHECK_EQ(arch_stage2_map(&s2, 0x80000000, 0x80000000, 0, STAGE2_RAM), -EINVAL);
    CHECK_EQ(arch_stage2_map(&s2, 1ull << 41, 0x80000000, 0x1000, STAGE2_RAM), -EINVAL);
    CHECK_EQ(arch_stage2_map(&s2, (1ull << 41) - 0x1000, 0x80000000, 0x2000, STAGE2_RAM), -EINVAL);
    CHECK_EQ(arch_stage2_map(&s2, 0x80000000, 0x80000000, 2 * MIB, STAGE2_RAM), 0);
    CHECK_EQ(arch_stage2_map(&s2, 0x80000000, 0x90000000, 2 * MIB, STAGE2_RAM), -EEXIST);
    CHECK_EQ(arch_stage2_map(&s2, 0x80001000, 0x90000000, 0x1000, STAGE2_RAM), -EEXIST);
    CHECK_EQ(arch_stage2_lookup(&s2, ~0ull, &pa, NULL), -EFAULT);
    CHECK_EQ(arch_stage2_unmap(&s2, 0x80001000, 0x1000), -EINVAL); /* inside a 2 MiB page */
    CHECK_EQ(arch_stage2_unmap(&s2, 0x80000000, 2 * MIB), 0);
    CHECK_EQ(arch_stage2_lookup(&s2, 0x80000000, &pa, NULL), -EFAULT);
    arch_stage2_release(&s2);
}

TEST(gstage_hgatp_names_mode_vmid_and_root)
{
    struct stage2 s2;
    uint64_t hgatp;

    CHECK_EQ(arch_stage2_init(&s2, 5), 0);
    hgatp = gstage_hgatp(&s2);
    CHECK_EQ(hgatp >> 60, 8); /* Sv39x4 */
    CHECK_EQ((hgatp >> 44) & 0x3fff, 5);
    CHECK_EQ((hgatp & ((1ull << 44) - 1)) << 12, (uint64_t)(uintptr_t)s2.root);
    CHECK_EQ((uintptr_t)s2.root & 0x3fff, 0); /* the root is 16 KiB aligned */
    arch_stage2_release(&s2);
}
