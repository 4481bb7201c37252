/* Memory free for domains: allocation policy over the free-extent pool,
 * and zeroing outside its lock (see septum/guest_ram.h for what is
 * scrubbed when). */
#include <septum/errno.h>
#include <septum/guest_ram.h>
#include <septum/log.h>

static struct range_pool pool = {.lock = SPINLOCK_INIT};

struct range_pool *guest_ram_pool(void)
{
    return &pool;
}

static bool block_aligned(const struct range *r)
{
    return ((r->base | r->size) & (GUEST_RAM_BLOCK - 1)) == 0;
}

/* Stable: block-aligned extents first, the others after them. */
static void blocks_first(struct range_take *t)
{
    struct range sorted[RANGE_TAKE_MAX];
    unsigned n = 0;

    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < t->nr_extents; i++) {
            if (block_aligned(&t->extents[i]) == (pass == 0))
                sorted[n++] = t->extents[i];
        }
    }
    for (unsigned i = 0; i < n; i++)
        t->extents[i] = sorted[i];
}

int guest_ram_take(uint64_t size, uint64_t align, unsigned max_extents, struct range_take *out)
{
    int err = -ENOBUFS;

    if (size % GUEST_RAM_BLOCK == 0)
        err = range_pool_take(&pool, size, GUEST_RAM_BLOCK, max_extents, out);
    if (err == -ENOBUFS && align < GUEST_RAM_BLOCK)
        err = range_pool_take(&pool, size, align, max_extents, out);
    if (!err)
        blocks_first(out);
    return err;
}

int guest_ram_alloc(uint64_t size, uint64_t align, unsigned max_extents, struct range_take *out)
{
    int err = guest_ram_take(size, align, max_extents, out);

    /* Carved out under the lock, zeroed now: nobody else can reach it. */
    if (!err)
        guest_ram_zero(out, NULL, 0);
    return err;
}

int guest_ram_take_at(uint64_t base, uint64_t size, struct range_take *out)
{
    if ((base | size) % GUEST_RAM_BLOCK)
        return -EINVAL;
    return range_pool_take_at(&pool, base, size, out);
}

/* Zeroes [lo, hi) but the bytes of keep[0..n), sorted by base. */
static void zero_around(uint64_t lo, uint64_t hi, const struct range *keep, unsigned n)
{
    for (unsigned i = 0; i < n && lo < hi; i++) {
        uint64_t k_lo = keep[i].base, k_hi = keep[i].base + keep[i].size;

        if (k_hi <= lo || k_lo >= hi)
            continue;
        if (k_lo > lo)
            hal_zero_for_guest(lo, k_lo - lo);
        lo = k_hi;
    }
    if (lo < hi)
        hal_zero_for_guest(lo, hi - lo);
}

void guest_ram_zero(const struct range_take *take, const struct range *keep, unsigned nr_keep)
{
    for (unsigned i = 0; i < take->nr_to_zero; i++) {
        const struct range *r = &take->to_zero[i];

        zero_around(r->base, r->base + r->size, keep, nr_keep);
    }
}

void guest_ram_free(paddr_t pa, uint64_t size)
{
    int err = range_pool_add(&pool, pa, size, true);

    /* Cannot happen while the table bound holds (septum/ranges.h); said
     * loudly rather than lost quietly if it ever does. */
    if (err)
        log_printf("BUG: guest RAM 0x%llx+0x%llx not returned to the pool (%d)",
                   (unsigned long long)pa, (unsigned long long)size, err);
}

uint64_t guest_ram_free_bytes(void)
{
    return range_pool_free_bytes(&pool);
}

uint64_t guest_ram_largest_free(void)
{
    return range_pool_largest(&pool, GUEST_RAM_BLOCK);
}
