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
    for (unsigned i = 0; !err && i < out->nr_to_zero; i++)
        hal_zero_for_guest(out->to_zero[i].base, out->to_zero[i].size);
    return err;
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
