/* range_pool_take() and range_pool_add() against a simple model: one state
 * per 4 KiB page (used, free and zero, free and dirty), driven by a fixed
 * pseudo-random sequence of allocations, frees and scrubs. */
#include <string.h>
#include <septum/errno.h>
#include <septum/ranges.h>
#include "check.h"

#define PAGE 4096ull
#define PAGES 2048 /* 8 MiB */
#define BASE 0x40000000ull
#define LIVE_MAX 64

enum page_state { USED, CLEAN, DIRTY };

static struct range_pool pool;
static enum page_state model[PAGES];
static struct range live[LIVE_MAX];
static unsigned nr_live;
static uint64_t rng;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static unsigned page_of(uint64_t addr)
{
    return (unsigned)((addr - BASE) / PAGE);
}

/* The table says what the model says: free pages exactly, and never
 * "zero" for a page that is dirty (the reverse is allowed: it costs a
 * needless zeroing, never safety). */
static void check_table(void)
{
    static enum page_state seen[PAGES];

    for (unsigned p = 0; p < PAGES; p++)
        seen[p] = USED;
    for (unsigned i = 0; i < pool.count; i++) {
        const struct range *r = &pool.free[i];

        CHECK(i == 0 || pool.free[i - 1].base + pool.free[i - 1].size <= r->base);
        CHECK(r->size > 0 && r->base >= BASE && page_of(r->base + r->size) <= PAGES);
        for (uint64_t a = r->base; a < r->base + r->size; a += PAGE)
            seen[page_of(a)] = r->dirty ? DIRTY : CLEAN;
    }
    for (unsigned p = 0; p < PAGES; p++) {
        CHECK((seen[p] == USED) == (model[p] == USED));
        CHECK(!(seen[p] == CLEAN && model[p] == DIRTY));
    }
}

/* The most one take of max extents can get: the sum of the max largest
 * granule-aligned pieces of free runs. */
static uint64_t best_possible(uint64_t granule, unsigned max)
{
    uint64_t usable[PAGES], sum = 0;
    unsigned n = 0;

    for (unsigned p = 0; p < PAGES;) {
        unsigned q = p;

        while (q < PAGES && model[q] != USED)
            q++;
        if (q > p) {
            uint64_t lo = (BASE + p * PAGE + granule - 1) & ~(granule - 1);
            uint64_t hi = (BASE + q * PAGE) & ~(granule - 1);

            if (hi > lo)
                usable[n++] = hi - lo;
        }
        p = q + 1;
    }
    for (unsigned k = 0; k < max && n; k++) {
        unsigned best = 0;

        for (unsigned i = 1; i < n; i++)
            best = usable[i] > usable[best] ? i : best;
        sum += usable[best];
        usable[best] = usable[--n];
    }
    return sum;
}

static uint64_t model_free(void)
{
    uint64_t n = 0;

    for (unsigned p = 0; p < PAGES; p++)
        n += model[p] != USED;
    return n * PAGE;
}

static void check_take(const struct range_take *t, uint64_t size, uint64_t granule, unsigned max)
{
    uint64_t total = 0;

    CHECK(t->nr_extents >= 1 && t->nr_extents <= max);
    for (unsigned i = 0; i < t->nr_extents; i++) {
        const struct range *e = &t->extents[i];

        CHECK((e->base | e->size) % granule == 0 && e->size > 0);
        total += e->size;
        for (uint64_t a = e->base; a < e->base + e->size; a += PAGE) {
            bool zeroed = false;

            CHECK(model[page_of(a)] != USED); /* never handed out twice */
            for (unsigned z = 0; z < t->nr_to_zero; z++)
                zeroed |= a >= t->to_zero[z].base && a < t->to_zero[z].base + t->to_zero[z].size;
            CHECK(model[page_of(a)] == CLEAN || zeroed); /* nothing leaves dirty */
            model[page_of(a)] = USED;
        }
    }
    CHECK_EQ(total, size);
    for (unsigned z = 0; z < t->nr_to_zero; z++) { /* zeroing stays inside */
        bool inside = false;

        for (unsigned i = 0; i < t->nr_extents; i++)
            inside |=
                t->to_zero[z].base >= t->extents[i].base &&
                t->to_zero[z].base + t->to_zero[z].size <= t->extents[i].base + t->extents[i].size;
        CHECK(inside);
    }
}

static void random_take(void)
{
    static const uint64_t granules[] = {PAGE, 16 * PAGE, 512 * PAGE};
    uint64_t granule = granules[next_random() % 3];
    uint64_t size = (1 + next_random() % (granule == PAGE ? 256 : 4)) * granule;
    unsigned max = 1 + (unsigned)(next_random() % RANGE_TAKE_MAX);
    uint64_t possible = best_possible(granule, max), free_bytes = model_free();
    struct range_take t;
    int err = range_pool_take(&pool, size, granule, max, &t);

    if (err == 0) {
        check_take(&t, size, granule, max);
        for (unsigned i = 0; i < t.nr_extents; i++)
            live[nr_live++] = t.extents[i];
    } else {
        /* Refused only when it truly cannot be done, with the right reason. */
        CHECK(possible < size);
        CHECK_EQ(err, free_bytes < size ? -ENOMEM : -ENOBUFS);
    }
}

static void random_free(bool scrubbed)
{
    unsigned i = (unsigned)(next_random() % nr_live);
    struct range r = live[i];

    live[i] = live[--nr_live];
    CHECK_EQ(range_pool_add(&pool, r.base, r.size, !scrubbed), 0);
    for (uint64_t a = r.base; a < r.base + r.size; a += PAGE)
        model[page_of(a)] = scrubbed ? CLEAN : DIRTY;
}

static void run_model(uint64_t seed)
{
    rng = seed;
    nr_live = 0;
    range_pool_init(&pool);
    for (unsigned p = 0; p < PAGES; p++)
        model[p] = p % 512 < 256 ? CLEAN : DIRTY; /* boot leaves a mix */
    for (unsigned p = 0; p < PAGES; p += 512) {
        CHECK_EQ(range_pool_add(&pool, BASE + p * PAGE, 256 * PAGE, false), 0);
        CHECK_EQ(range_pool_add(&pool, BASE + (p + 256) * PAGE, 256 * PAGE, true), 0);
    }
    check_table();
    for (unsigned step = 0; step < 3000; step++) {
        unsigned dice = (unsigned)(next_random() % 8);

        if (nr_live + RANGE_TAKE_MAX <= LIVE_MAX && (dice < 4 || nr_live == 0))
            random_take();
        else if (nr_live)
            random_free(dice == 7); /* now and then as if scrubbed meanwhile */
        check_table();
    }
    while (nr_live)
        random_free(false);
    CHECK_EQ(range_pool_free_bytes(&pool), PAGES * PAGE);
    CHECK_EQ(range_pool_largest(&pool, PAGE), PAGES * PAGE); /* all one run again */
}

TEST(ranges_agree_with_a_page_model)
{
    for (uint64_t seed = 1; seed <= 8; seed++)
        run_model(seed * 0x9e3779b97f4a7c15ull);
}
