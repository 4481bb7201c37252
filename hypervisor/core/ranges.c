/* Free-range pools. The table is small and sorted; every operation is a
 * linear pass under the pool's lock. */
#include <septum/errno.h>
#include <septum/ranges.h>
#include <septum/string.h>

void range_pool_init(struct range_pool *pool)
{
    *pool = (struct range_pool){.lock = SPINLOCK_INIT};
}

static void remove_at(struct range_pool *pool, unsigned i)
{
    memmove(&pool->free[i], &pool->free[i + 1], (pool->count - i - 1) * sizeof(pool->free[0]));
    pool->count--;
}

static int insert_at(struct range_pool *pool, unsigned i, uint64_t base, uint64_t size)
{
    if (pool->count == RANGE_POOL_MAX)
        return -ENOSPC;
    memmove(&pool->free[i + 1], &pool->free[i], (pool->count - i) * sizeof(pool->free[0]));
    pool->free[i] = (struct range){base, size};
    pool->count++;
    return 0;
}

static int add_locked(struct range_pool *pool, uint64_t base, uint64_t size)
{
    unsigned i = 0;
    struct range *prev, *next;

    while (i < pool->count && pool->free[i].base < base)
        i++;
    prev = i > 0 ? &pool->free[i - 1] : NULL;
    next = i < pool->count ? &pool->free[i] : NULL;
    if ((prev && prev->base + prev->size > base) || (next && base + size > next->base))
        return -EEXIST; /* freeing memory that is already free */
    if (prev && prev->base + prev->size == base) {
        prev->size += size;
        if (next && prev->base + prev->size == next->base) {
            prev->size += next->size;
            remove_at(pool, i);
        }
        return 0;
    }
    if (next && base + size == next->base) {
        next->base = base;
        next->size += size;
        return 0;
    }
    return insert_at(pool, i, base, size);
}

int range_pool_add(struct range_pool *pool, uint64_t base, uint64_t size)
{
    int err;

    if (size == 0 || base + size < base)
        return -EINVAL;
    spin_lock(&pool->lock);
    err = add_locked(pool, base, size);
    spin_unlock(&pool->lock);
    return err;
}

/* Removes [base, end) from free range i, which it lies inside. */
static int carve(struct range_pool *pool, unsigned i, uint64_t base, uint64_t end)
{
    struct range r = pool->free[i];
    uint64_t r_end = r.base + r.size;

    if (base > r.base && end < r_end) {
        pool->free[i].size = base - r.base;
        return insert_at(pool, i + 1, end, r_end - end);
    }
    if (base > r.base)
        pool->free[i].size = base - r.base;
    else if (end < r_end)
        pool->free[i] = (struct range){end, r_end - end};
    else
        remove_at(pool, i);
    return 0;
}

int range_pool_reserve(struct range_pool *pool, uint64_t base, uint64_t size)
{
    uint64_t end = base + size;
    int err = 0;

    if (end < base)
        return -EINVAL;
    spin_lock(&pool->lock);
    for (unsigned i = pool->count; i-- > 0 && !err;) {
        uint64_t r_base = pool->free[i].base, r_end = r_base + pool->free[i].size;
        uint64_t lo = base > r_base ? base : r_base, hi = end < r_end ? end : r_end;

        if (lo < hi)
            err = carve(pool, i, lo, hi);
    }
    spin_unlock(&pool->lock);
    return err;
}

int range_pool_alloc(struct range_pool *pool, uint64_t size, uint64_t align, uint64_t *base)
{
    int err = -ENOMEM;

    if (size == 0 || align == 0 || (align & (align - 1)))
        return -EINVAL;
    spin_lock(&pool->lock);
    for (unsigned i = 0; i < pool->count; i++) {
        struct range r = pool->free[i];
        uint64_t start = (r.base + align - 1) & ~(align - 1);

        if (start < r.base || start - r.base >= r.size || size > r.size - (start - r.base))
            continue;
        err = carve(pool, i, start, start + size);
        if (!err)
            *base = start;
        break;
    }
    spin_unlock(&pool->lock);
    return err;
}

uint64_t range_pool_free_bytes(struct range_pool *pool)
{
    uint64_t total = 0;

    spin_lock(&pool->lock);
    for (unsigned i = 0; i < pool->count; i++)
        total += pool->free[i].size;
    spin_unlock(&pool->lock);
    return total;
}
