/* Free-memory pools: the table (coalescing, clean and dirty neighbours,
 * reservations, a full table) and range_pool_take()'s choices. The pool
 * never touches the memory it describes, so addresses here are numbers. */
#include <septum/errno.h>
#include <septum/ranges.h>
#include "check.h"

#define KIB (1ull << 10)
#define MIB (1ull << 20)
#define GIB (1ull << 30)

static struct range_pool pool; /* too large for a comfortable stack */

TEST(ranges_alloc_aligns_and_coalesces)
{
    uint64_t a, b, c;

    range_pool_init(&pool);
    CHECK_EQ(range_pool_add(&pool, 0x1000, 0x9000, true), 0);
    CHECK_EQ(range_pool_alloc(&pool, 0x2000, 0x2000, &a), 0);
    CHECK_EQ(a, 0x2000);
    CHECK_EQ(pool.count, 2); /* [0x1000,0x2000) and [0x4000,0xa000) */
    CHECK_EQ(range_pool_alloc(&pool, 0x1000, 0x1000, &b), 0);
    CHECK_EQ(b, 0x1000); /* the smallest run that holds it */
    CHECK_EQ(range_pool_alloc(&pool, 0x6000, 0x1000, &c), 0);
    CHECK_EQ(c, 0x4000);
    CHECK_EQ(range_pool_free_bytes(&pool), 0);
    CHECK_EQ(range_pool_alloc(&pool, 0x1000, 0x1000, &c), -ENOMEM);
    CHECK_EQ(range_pool_add(&pool, a, 0x2000, true), 0);
    CHECK_EQ(range_pool_add(&pool, 0x1000, 0x1000, true), 0);
    CHECK_EQ(range_pool_add(&pool, 0x4000, 0x6000, true), 0);
    CHECK_EQ(pool.count, 1);
    CHECK_EQ(pool.free[0].base, 0x1000);
    CHECK_EQ(pool.free[0].size, 0x9000);
}

TEST(ranges_reject_double_free_and_bad_arguments)
{
    struct range_take t;
    uint64_t a;

    range_pool_init(&pool);
    CHECK_EQ(range_pool_add(&pool, 0x10000, 0x10000, true), 0);
    CHECK_EQ(range_pool_add(&pool, 0x18000, 0x1000, false), -EEXIST);
    CHECK_EQ(range_pool_add(&pool, ~0ull - 0xfff, 0x2000, true), -EINVAL);
    CHECK_EQ(range_pool_alloc(&pool, 0x1000, 3, &a), -EINVAL);
    CHECK_EQ(range_pool_alloc(&pool, 0, 0x1000, &a), -EINVAL);
    CHECK_EQ(range_pool_alloc(&pool, 0x20000, 0x1000, &a), -ENOMEM);
    CHECK_EQ(range_pool_take(&pool, 0x1800, 0x1000, 1, &t), -EINVAL); /* not granular */
    CHECK_EQ(range_pool_take(&pool, 0x1000, 0x1000, 0, &t), -EINVAL);
    CHECK_EQ(range_pool_take(&pool, 0x1000, 0x1000, RANGE_TAKE_MAX + 1, &t), -EINVAL);
    CHECK_EQ(range_pool_free_bytes(&pool), 0x10000);
}

TEST(ranges_reserve_carves_holes_and_keeps_flags)
{
    range_pool_init(&pool);
    range_pool_add(&pool, 0x0, 0x10000, false);
    range_pool_add(&pool, 0x20000, 0x10000, true);
    CHECK_EQ(range_pool_reserve(&pool, 0x4000, 0x1000), 0);   /* middle: split */
    CHECK_EQ(range_pool_reserve(&pool, 0xe000, 0x14000), 0);  /* spans both ranges */
    CHECK_EQ(range_pool_reserve(&pool, 0x100000, 0x1000), 0); /* outside: no-op */
    CHECK_EQ(pool.count, 3);
    CHECK_EQ(range_pool_free_bytes(&pool), 0x4000 + 0x9000 + 0xe000);
    CHECK(!pool.free[0].dirty && !pool.free[1].dirty && pool.free[2].dirty);
}

TEST(ranges_clean_and_dirty_neighbours_form_one_run)
{
    struct range_take t;

    range_pool_init(&pool);
    CHECK_EQ(range_pool_add(&pool, 4 * MIB, 4 * MIB, true), 0);
    CHECK_EQ(range_pool_add(&pool, 0, 4 * MIB, false), 0);
    CHECK_EQ(range_pool_add(&pool, 8 * MIB, 2 * MIB, false), 0);
    CHECK_EQ(pool.count, 3);                                /* each remembers its flag... */
    CHECK_EQ(range_pool_largest(&pool, 2 * MIB), 10 * MIB); /* ...one run */
    CHECK_EQ(range_pool_take(&pool, 10 * MIB, 2 * MIB, 1, &t), 0);
    CHECK_EQ(t.nr_extents, 1);
    CHECK_EQ(t.extents[0].base, 0);
    CHECK_EQ(t.extents[0].size, 10 * MIB);
    CHECK_EQ(t.nr_to_zero, 1); /* only the dirty middle is zeroed */
    CHECK_EQ(t.to_zero[0].base, 4 * MIB);
    CHECK_EQ(t.to_zero[0].size, 4 * MIB);
    CHECK_EQ(pool.count, 0);
    /* Neighbours with the same flag merge, in any order of freeing. */
    CHECK_EQ(range_pool_add(&pool, 6 * MIB, 2 * MIB, true), 0);
    CHECK_EQ(range_pool_add(&pool, 2 * MIB, 2 * MIB, true), 0);
    CHECK_EQ(range_pool_add(&pool, 4 * MIB, 2 * MIB, true), 0);
    CHECK_EQ(pool.count, 1);
}

TEST(ranges_take_prefers_clean_then_the_smallest_run)
{
    struct range_take t;

    range_pool_init(&pool);
    range_pool_add(&pool, 0, 8 * MIB, true);
    range_pool_add(&pool, 16 * MIB, 8 * MIB, false);
    range_pool_add(&pool, 32 * MIB, 4 * MIB, false);
    range_pool_add(&pool, 40 * MIB, 4 * MIB, true);
    CHECK_EQ(range_pool_take(&pool, 4 * MIB, 2 * MIB, 16, &t), 0);
    CHECK_EQ(t.extents[0].base, 32 * MIB); /* clean, and just big enough */
    CHECK_EQ(t.nr_to_zero, 0);
    CHECK_EQ(range_pool_take(&pool, 4 * MIB, 2 * MIB, 16, &t), 0);
    CHECK_EQ(t.extents[0].base, 16 * MIB); /* clean before small */
    CHECK_EQ(range_pool_take(&pool, 4 * MIB, 2 * MIB, 16, &t), 0);
    CHECK_EQ(t.extents[0].base, 20 * MIB);
    CHECK_EQ(range_pool_take(&pool, 4 * MIB, 2 * MIB, 16, &t), 0);
    CHECK_EQ(t.extents[0].base, 40 * MIB); /* dirty now: the smallest */
    CHECK_EQ(t.nr_to_zero, 1);
}

TEST(ranges_take_aligns_and_falls_back_to_a_smaller_granule)
{
    struct range_take t;

    range_pool_init(&pool);
    range_pool_add(&pool, 1 * MIB, 8 * MIB, true); /* 2 MiB-aligned: [2, 8) MiB */
    CHECK_EQ(range_pool_largest(&pool, 2 * MIB), 6 * MIB);
    CHECK_EQ(range_pool_take(&pool, 8 * MIB, 2 * MIB, 16, &t), -ENOBUFS);
    CHECK_EQ(range_pool_free_bytes(&pool), 8 * MIB); /* a failure takes nothing */
    CHECK_EQ(range_pool_take(&pool, 8 * MIB, 4 * KIB, 16, &t), 0);
    CHECK_EQ(t.nr_extents, 1);
    CHECK_EQ(t.extents[0].base, 1 * MIB);
    range_pool_add(&pool, 1 * MIB, 8 * MIB, true);
    CHECK_EQ(range_pool_take(&pool, 4 * MIB, 2 * MIB, 16, &t), 0);
    CHECK_EQ(t.extents[0].base, 2 * MIB);
    CHECK_EQ(pool.count, 2); /* the unaligned head and what follows */
}

TEST(ranges_take_uses_the_fewest_extents)
{
    struct range_take t;

    range_pool_init(&pool);
    range_pool_add(&pool, 0, 64 * MIB, true);
    range_pool_reserve(&pool, 6 * MIB, 2 * MIB);
    range_pool_reserve(&pool, 10 * MIB, 2 * MIB);
    range_pool_reserve(&pool, 16 * MIB, 2 * MIB);
    range_pool_reserve(&pool, 20 * MIB, 44 * MIB);
    /* Runs: 6, 2, 4, 2 MiB. 10 MiB: the 6 MiB run, then the 4 MiB one. */
    CHECK_EQ(range_pool_take(&pool, 10 * MIB, 2 * MIB, 2, &t), 0);
    CHECK_EQ(t.nr_extents, 2);
    CHECK_EQ(t.extents[0].base, 0);
    CHECK_EQ(t.extents[0].size, 6 * MIB);
    CHECK_EQ(t.extents[1].base, 12 * MIB);
    CHECK_EQ(t.extents[1].size, 4 * MIB);
    /* 4 MiB left in two runs: not in one extent, but in two. */
    CHECK_EQ(range_pool_take(&pool, 4 * MIB, 2 * MIB, 1, &t), -ENOBUFS);
    CHECK_EQ(range_pool_take(&pool, 6 * MIB, 2 * MIB, 16, &t), -ENOMEM);
    CHECK_EQ(range_pool_take(&pool, 4 * MIB, 2 * MIB, 2, &t), 0);
    CHECK_EQ(range_pool_free_bytes(&pool), 0);
}

/* The report, at its scale: 700 MiB, 64 MiB, 700 MiB, the large
 * ones destroyed; then 1 GiB, more than any one run, still fits. */
TEST(ranges_fragmented_memory_serves_a_large_domain)
{
    uint64_t base = 0x48000000, size = 1465 * MIB + 64 * MIB, a, b, c;
    struct range_take t;

    range_pool_init(&pool);
    range_pool_add(&pool, base, size, true);
    CHECK_EQ(range_pool_alloc(&pool, 700 * MIB, 2 * MIB, &a), 0);
    CHECK_EQ(range_pool_alloc(&pool, 64 * MIB, 2 * MIB, &b), 0);
    CHECK_EQ(range_pool_alloc(&pool, 700 * MIB, 2 * MIB, &c), 0);
    range_pool_add(&pool, a, 700 * MIB, true);
    range_pool_add(&pool, c, 700 * MIB, true);
    CHECK(range_pool_largest(&pool, 2 * MIB) < 1 * GIB);
    CHECK_EQ(range_pool_take(&pool, 1 * GIB, 2 * MIB, 1, &t), -ENOBUFS);
    CHECK_EQ(range_pool_take(&pool, 1 * GIB, 2 * MIB, 16, &t), 0);
    CHECK_EQ(t.nr_extents, 2);
    CHECK_EQ(t.extents[0].size + t.extents[1].size, 1 * GIB);
}

TEST(ranges_a_full_table_merges_neighbours_instead_of_losing_memory)
{
    unsigned n = RANGE_POOL_MAX + 100;

    range_pool_init(&pool);
    /* Touching pieces of alternating flags: one run, more pieces than the
     * table holds. */
    for (unsigned i = 0; i < n; i++)
        CHECK_EQ(range_pool_add(&pool, i * 4 * KIB, 4 * KIB, i % 2), 0);
    CHECK_EQ(pool.count, RANGE_POOL_MAX);
    CHECK_EQ(range_pool_free_bytes(&pool), n * 4 * KIB);
    CHECK_EQ(range_pool_largest(&pool, 4 * KIB), n * 4 * KIB);
    CHECK(pool.free[0].dirty); /* merged entries went dirty: zeroed, never lost */
    /* Separate runs beyond the bound are refused, not swallowed. */
    range_pool_init(&pool);
    for (unsigned i = 0; i < RANGE_POOL_MAX; i++)
        CHECK_EQ(range_pool_add(&pool, i * 2 * 4 * KIB, 4 * KIB, true), 0);
    CHECK_EQ(range_pool_add(&pool, 1ull << 40, 4 * KIB, true), -ENOSPC);
    CHECK_EQ(range_pool_free_bytes(&pool), RANGE_POOL_MAX * 4 * KIB);
}

TEST(ranges_pieces_to_zero_stay_bounded_and_cover_every_dirty_byte)
{
    struct range_take t;
    unsigned pieces = 4 * RANGE_ZERO_MAX;
    uint64_t covered = 0;

    range_pool_init(&pool);
    for (unsigned i = 0; i < pieces; i++)
        range_pool_add(&pool, i * 4 * KIB, 4 * KIB, i % 2);
    CHECK_EQ(range_pool_take(&pool, pieces * 4 * KIB, 4 * KIB, 1, &t), 0);
    CHECK(t.nr_to_zero <= RANGE_ZERO_MAX);
    for (unsigned i = 0; i < t.nr_to_zero; i++) {
        CHECK(t.to_zero[i].base + t.to_zero[i].size <= pieces * 4 * KIB);
        covered = t.to_zero[i].base + t.to_zero[i].size;
    }
    CHECK_EQ(covered, pieces * 4 * KIB); /* the last dirty page included */
}

TEST(ranges_take_at_takes_exactly_that_range_or_nothing)
{
    struct range_take t;

    range_pool_init(&pool);
    range_pool_add(&pool, 0x0, 0x10000, false);
    range_pool_add(&pool, 0x10000, 0x10000, true); /* touching: one run */
    range_pool_add(&pool, 0x30000, 0x10000, true);
    /* Across clean and dirty entries: only the dirty part is to be zeroed. */
    CHECK_EQ(range_pool_take_at(&pool, 0x8000, 0x10000, &t), 0);
    CHECK_EQ(t.nr_extents, 1);
    CHECK(t.extents[0].base == 0x8000 && t.extents[0].size == 0x10000);
    CHECK_EQ(t.nr_to_zero, 1);
    CHECK(t.to_zero[0].base == 0x10000 && t.to_zero[0].size == 0x8000);
    CHECK_EQ(range_pool_free_bytes(&pool), 0x8000 + 0x8000 + 0x10000);
    /* Part of it taken already, or across a hole: nothing is taken. */
    CHECK_EQ(range_pool_take_at(&pool, 0x4000, 0x8000, &t), -EBUSY);
    CHECK_EQ(range_pool_take_at(&pool, 0x1c000, 0x18000, &t), -EBUSY);
    CHECK_EQ(range_pool_take_at(&pool, 0x40000, 0x1000, &t), -EBUSY);
    CHECK_EQ(range_pool_take_at(&pool, ~0ull - 0xfff, 0x2000, &t), -EINVAL);
    CHECK_EQ(range_pool_free_bytes(&pool), 0x8000 + 0x8000 + 0x10000);
    CHECK_EQ(range_pool_take_at(&pool, 0x30000, 0x10000, &t), 0);
    CHECK_EQ(range_pool_free_bytes(&pool), 0x10000);
}
