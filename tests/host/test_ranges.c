/* Free-range pools. */
#include <septum/errno.h>
#include <septum/ranges.h>
#include "check.h"

TEST(ranges_alloc_aligns_and_coalesces)
{
    struct range_pool pool;
    uint64_t a, b, c;

    range_pool_init(&pool);
    CHECK_EQ(range_pool_add(&pool, 0x1000, 0x9000), 0);
    CHECK_EQ(range_pool_alloc(&pool, 0x2000, 0x4000, &a), 0);
    CHECK_EQ(a, 0x4000);
    CHECK_EQ(pool.count, 2); /* [0x1000,0x4000) and [0x6000,0xa000) */
    CHECK_EQ(range_pool_alloc(&pool, 0x3000, 0x1000, &b), 0);
    CHECK_EQ(b, 0x1000);
    CHECK_EQ(range_pool_alloc(&pool, 0x4000, 0x1000, &c), 0);
    CHECK_EQ(c, 0x6000);
    CHECK_EQ(range_pool_free_bytes(&pool), 0);
    CHECK_EQ(range_pool_alloc(&pool, 0x1000, 0x1000, &c), -ENOMEM);
    CHECK_EQ(range_pool_add(&pool, a, 0x2000), 0);
    CHECK_EQ(range_pool_add(&pool, 0x1000, 0x3000), 0);
    CHECK_EQ(range_pool_add(&pool, 0x6000, 0x4000), 0);
    CHECK_EQ(pool.count, 1);
    CHECK_EQ(pool.free[0].base, 0x1000);
    CHECK_EQ(pool.free[0].size, 0x9000);
}

TEST(ranges_reject_double_free_and_bad_arguments)
{
    struct range_pool pool;
    uint64_t a;

    range_pool_init(&pool);
    CHECK_EQ(range_pool_add(&pool, 0x10000, 0x10000), 0);
    CHECK_EQ(range_pool_add(&pool, 0x18000, 0x1000), -EEXIST);
    CHECK_EQ(range_pool_add(&pool, ~0ull - 0xfff, 0x2000), -EINVAL);
    CHECK_EQ(range_pool_alloc(&pool, 0x1000, 3, &a), -EINVAL);
    CHECK_EQ(range_pool_alloc(&pool, 0, 0x1000, &a), -EINVAL);
    CHECK_EQ(range_pool_alloc(&pool, 0x20000, 0x1000, &a), -ENOMEM);
}

TEST(ranges_reserve_carves_holes)
{
    struct range_pool pool;

    range_pool_init(&pool);
    range_pool_add(&pool, 0x0, 0x10000);
    range_pool_add(&pool, 0x20000, 0x10000);
    CHECK_EQ(range_pool_reserve(&pool, 0x4000, 0x1000), 0);   /* middle: split */
    CHECK_EQ(range_pool_reserve(&pool, 0xe000, 0x14000), 0);  /* spans both ranges */
    CHECK_EQ(range_pool_reserve(&pool, 0x100000, 0x1000), 0); /* outside: no-op */
    CHECK_EQ(pool.count, 3);
    CHECK_EQ(range_pool_free_bytes(&pool), 0x4000 + 0x9000 + 0xe000);
}
