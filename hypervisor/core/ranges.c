/* Free-memory pools. The table is sorted and of fixed size; every operation
 * is a bounded pass (or, to choose extents, RANGE_TAKE_MAX passes) under
 * the pool's lock and never zeroes memory there: zeroing is the caller's,
 * after the lock is dropped. */
#include <septum/errno.h>
#include <septum/ranges.h>
#include <septum/string.h>

void range_pool_init(struct range_pool *pool)
{
    *pool = (struct range_pool){.lock = SPINLOCK_INIT};
}

static uint64_t end_of(const struct range *r)
{
    return r->base + r->size;
}

static bool touching(const struct range_pool *pool, unsigned i)
{
    return i + 1 < pool->count && end_of(&pool->free[i]) == pool->free[i + 1].base;
}

static void remove_at(struct range_pool *pool, unsigned i)
{
    memmove(&pool->free[i], &pool->free[i + 1], (pool->count - i - 1) * sizeof(pool->free[0]));
    pool->count--;
}

/* A full table gives up what it knows about one clean entry rather than
 * lose memory: two touching entries become one dirty entry (zeroed again
 * when handed out, which costs time, never safety). *at, an index about
 * to be inserted at, follows the entries it pointed at. */
static int make_room(struct range_pool *pool, unsigned *at)
{
    for (unsigned i = 0; i + 1 < pool->count; i++) {
        if (touching(pool, i)) {
            pool->free[i].size += pool->free[i + 1].size;
            pool->free[i].dirty = true;
            remove_at(pool, i + 1);
            if (*at > i + 1)
                (*at)--;
            return 0;
        }
    }
    return -ENOSPC; /* more runs than RANGE_POOL_MAX: the bound was broken */
}

static int insert_at(struct range_pool *pool, unsigned i, struct range r)
{
    if (pool->count == RANGE_POOL_MAX && make_room(pool, &i))
        return -ENOSPC;
    memmove(&pool->free[i + 1], &pool->free[i], (pool->count - i) * sizeof(pool->free[0]));
    pool->free[i] = r;
    pool->count++;
    return 0;
}

static int add_locked(struct range_pool *pool, struct range r)
{
    unsigned i = 0;
    struct range *prev, *next;

    while (i < pool->count && pool->free[i].base < r.base)
        i++;
    prev = i > 0 ? &pool->free[i - 1] : NULL;
    next = i < pool->count ? &pool->free[i] : NULL;
    if ((prev && end_of(prev) > r.base) || (next && end_of(&r) > next->base))
        return -EEXIST; /* freeing memory that is already free */
    if (prev && end_of(prev) == r.base && prev->dirty == r.dirty) {
        prev->size += r.size;
        if (next && end_of(prev) == next->base && next->dirty == r.dirty) {
            prev->size += next->size;
            remove_at(pool, i);
        }
        return 0;
    }
    if (next && end_of(&r) == next->base && next->dirty == r.dirty) {
        next->base = r.base;
        next->size += r.size;
        return 0;
    }
    return insert_at(pool, i, r);
}

int range_pool_add(struct range_pool *pool, uint64_t base, uint64_t size, bool dirty)
{
    int err;

    if (size == 0 || base + size < base)
        return -EINVAL;
    spin_lock(&pool->lock);
    err = add_locked(pool, (struct range){base, size, dirty});
    spin_unlock(&pool->lock);
    return err;
}

/* Removes [base, end) from free entry i, which it lies inside. */
static int carve(struct range_pool *pool, unsigned i, uint64_t base, uint64_t end)
{
    struct range r = pool->free[i];

    if (base > r.base && end < end_of(&r)) {
        pool->free[i].size = base - r.base;
        return insert_at(pool, i + 1, (struct range){end, end_of(&r) - end, r.dirty});
    }
    if (base > r.base)
        pool->free[i].size = base - r.base;
    else if (end < end_of(&r))
        pool->free[i] = (struct range){end, end_of(&r) - end, r.dirty};
    else
        remove_at(pool, i);
    return 0;
}

static int reserve_locked(struct range_pool *pool, uint64_t base, uint64_t end)
{
    int err = 0;

    for (unsigned i = pool->count; i-- > 0 && !err;) {
        uint64_t r_base = pool->free[i].base, r_end = end_of(&pool->free[i]);
        uint64_t lo = base > r_base ? base : r_base, hi = end < r_end ? end : r_end;

        if (lo < hi)
            err = carve(pool, i, lo, hi);
    }
    return err;
}

int range_pool_reserve(struct range_pool *pool, uint64_t base, uint64_t size)
{
    int err;

    if (base + size < base)
        return -EINVAL;
    spin_lock(&pool->lock);
    err = reserve_locked(pool, base, base + size);
    spin_unlock(&pool->lock);
    return err;
}

/* A free run: entries [first, last) that touch one another, and its
 * granule-aligned part [start, start + usable). */
struct run {
    unsigned first, last;
    uint64_t start, usable;
    bool clean;
};

static struct run run_at(const struct range_pool *pool, unsigned first, uint64_t granule)
{
    struct run run = {.first = first, .last = first, .clean = true};
    uint64_t end;

    do
        run.clean &= !pool->free[run.last].dirty;
    while (touching(pool, run.last++));
    end = end_of(&pool->free[run.last - 1]) & ~(granule - 1);
    run.start = (pool->free[first].base + granule - 1) & ~(granule - 1);
    run.usable = end > run.start && run.start >= pool->free[first].base ? end - run.start : 0;
    return run;
}

/* Whether run a serves `left` more bytes better than run b: a run that
 * holds it all beats one that does not; among those, a clean one, then the
 * smallest (big runs stay whole); among the others, the largest. */
static bool better(const struct run *a, const struct run *b, uint64_t left)
{
    bool a_fits = a->usable >= left, b_fits = b->usable >= left;

    if (a_fits != b_fits)
        return a_fits;
    if (a_fits && a->clean != b->clean)
        return a->clean;
    if (a_fits)
        return a->usable < b->usable;
    return a->usable > b->usable || (a->usable == b->usable && a->clean && !b->clean);
}

static bool taken(const struct range_take *out, uint64_t start)
{
    for (unsigned i = 0; i < out->nr_extents; i++) {
        if (out->extents[i].base == start)
            return true;
    }
    return false;
}

/* Chooses the extents (out->extents); returns the bytes it could not place. */
static uint64_t choose(const struct range_pool *pool, uint64_t size, uint64_t granule,
                       unsigned max_extents, struct range_take *out)
{
    uint64_t left = size;

    while (left && out->nr_extents < max_extents) {
        struct run best = {0};

        for (unsigned i = 0; i < pool->count;) {
            struct run run = run_at(pool, i, granule);

            if (run.usable && !taken(out, run.start) && (!best.usable || better(&run, &best, left)))
                best = run;
            i = run.last;
        }
        if (!best.usable)
            break;
        out->extents[out->nr_extents++] =
            (struct range){.base = best.start, .size = best.usable < left ? best.usable : left};
        left -= out->extents[out->nr_extents - 1].size;
    }
    return left;
}

/* Lists the dirty parts of extent k (of n) in out->to_zero, keeping room
 * for one piece per extent still to come; past that, the last piece grows
 * to cover the rest (clean memory between included). */
static void list_dirty(const struct range_pool *pool, unsigned k, struct range_take *out)
{
    const struct range *e = &out->extents[k];
    unsigned room = RANGE_ZERO_MAX - out->nr_to_zero - (out->nr_extents - k - 1);
    unsigned first = out->nr_to_zero;

    for (unsigned i = 0; i < pool->count; i++) {
        const struct range *r = &pool->free[i];
        uint64_t lo = r->base > e->base ? r->base : e->base;
        uint64_t hi = end_of(r) < end_of(e) ? end_of(r) : end_of(e);

        if (!r->dirty || lo >= hi)
            continue;
        if (out->nr_to_zero - first < room)
            out->to_zero[out->nr_to_zero++] = (struct range){lo, hi - lo, true};
        else
            out->to_zero[out->nr_to_zero - 1].size = hi - out->to_zero[out->nr_to_zero - 1].base;
    }
}

static uint64_t free_locked(const struct range_pool *pool)
{
    uint64_t total = 0;

    for (unsigned i = 0; i < pool->count; i++)
        total += pool->free[i].size;
    return total;
}

int range_pool_take(struct range_pool *pool, uint64_t size, uint64_t granule, unsigned max_extents,
                    struct range_take *out)
{
    int err = 0;

    *out = (struct range_take){0};
    if (size == 0 || granule == 0 || (granule & (granule - 1)) || size % granule ||
        max_extents == 0 || max_extents > RANGE_TAKE_MAX)
        return -EINVAL;
    spin_lock(&pool->lock);
    if (choose(pool, size, granule, max_extents, out)) {
        err = free_locked(pool) < size ? -ENOMEM : -ENOBUFS;
        out->nr_extents = 0;
    }
    for (unsigned k = 0; k < out->nr_extents && !err; k++) {
        list_dirty(pool, k, out);
        err = reserve_locked(pool, out->extents[k].base, end_of(&out->extents[k]));
    }
    spin_unlock(&pool->lock);
    return err;
}

/* Bytes of [base, end) that free entries cover. */
static uint64_t free_within(const struct range_pool *pool, uint64_t base, uint64_t end)
{
    uint64_t covered = 0;

    for (unsigned i = 0; i < pool->count; i++) {
        uint64_t lo = pool->free[i].base > base ? pool->free[i].base : base;
        uint64_t hi = end_of(&pool->free[i]) < end ? end_of(&pool->free[i]) : end;

        if (lo < hi)
            covered += hi - lo;
    }
    return covered;
}

int range_pool_take_at(struct range_pool *pool, uint64_t base, uint64_t size,
                       struct range_take *out)
{
    int err = -EBUSY;

    *out = (struct range_take){0};
    if (size == 0 || base + size < base)
        return -EINVAL;
    spin_lock(&pool->lock);
    if (free_within(pool, base, base + size) == size) {
        out->extents[out->nr_extents++] = (struct range){.base = base, .size = size};
        list_dirty(pool, 0, out);
        err = reserve_locked(pool, base, base + size);
    }
    spin_unlock(&pool->lock);
    return err;
}

int range_pool_alloc(struct range_pool *pool, uint64_t size, uint64_t align, uint64_t *base)
{
    struct range_take take;
    int err = range_pool_take(pool, size, align, 1, &take);

    if (!err)
        *base = take.extents[0].base;
    return err == -ENOBUFS ? -ENOMEM : err;
}

uint64_t range_pool_free_bytes(struct range_pool *pool)
{
    uint64_t total;

    spin_lock(&pool->lock);
    total = free_locked(pool);
    spin_unlock(&pool->lock);
    return total;
}

uint64_t range_pool_largest(struct range_pool *pool, uint64_t granule)
{
    uint64_t largest = 0;

    spin_lock(&pool->lock);
    for (unsigned i = 0; i < pool->count;) {
        struct run run = run_at(pool, i, granule);

        if (run.usable > largest)
            largest = run.usable;
        i = run.last;
    }
    spin_unlock(&pool->lock);
    return largest;
}
