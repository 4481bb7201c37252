/* A pool of free physical memory: a sorted table of free entries, each
 * remembering whether it still holds someone's data (dirty) or is known to
 * be zero. Entries that touch form one contiguous free run whatever their
 * flags, so freed (dirty) and never-used or scrubbed (clean) memory
 * coalesce; an allocation may span several entries of a run and may take
 * several runs. Serves the hypervisor heap and the guest RAM pool. */
#ifndef SEPTUM_RANGES_H
#define SEPTUM_RANGES_H

#include <stdbool.h>
#include <stdint.h>
#include <septum/spinlock.h>

/* Table size. Every free run but one is closed by something taken out of
 * the pool (an allocation or a reservation), so the runs never outnumber
 * what can be taken at once plus one; touching entries whose flags differ
 * are merged (as dirty) when the table would overflow, so a free always
 * finds room. The bound the core relies on is asserted in vm.c. */
#define RANGE_POOL_MAX 1400
/* Most extents one range_pool_take() hands out, and most pieces it asks to
 * be zeroed (a run with more dirty pieces than that has its last ones
 * zeroed as one, clean memory between them included). */
#define RANGE_TAKE_MAX 16
#define RANGE_ZERO_MAX (2 * RANGE_TAKE_MAX)

struct range {
    uint64_t base;
    uint64_t size;
    bool dirty; /* may hold a former owner's data: zero before handing out */
};

struct range_pool {
    spinlock_t lock;
    unsigned count;
    struct range free[RANGE_POOL_MAX]; /* sorted, not overlapping */
};

/* What one range_pool_take() handed out: extents (their .dirty unused), in
 * the order they were chosen, largest first, and the parts of them that
 * must be zeroed before anyone may see them. */
struct range_take {
    struct range extents[RANGE_TAKE_MAX];
    unsigned nr_extents;
    struct range to_zero[RANGE_ZERO_MAX];
    unsigned nr_to_zero;
};

void range_pool_init(struct range_pool *pool);
/* Adds [base, base + size) as free, dirty or known to be zero; -EEXIST if
 * part of it is free already, -ENOSPC only if the table bound was broken. */
int range_pool_add(struct range_pool *pool, uint64_t base, uint64_t size, bool dirty);
/* Takes [base, base + size) out of the free entries, wherever it overlaps. */
int range_pool_reserve(struct range_pool *pool, uint64_t base, uint64_t size);
/* Takes size bytes (a multiple of granule, a power of two) in at most
 * max_extents extents, each starting granule-aligned and a multiple of
 * granule long. One run that holds it all wins, a clean one first, then
 * the smallest; otherwise the largest runs are taken first (fewest
 * extents) and the rest from the smallest run that holds it. -ENOMEM if
 * less than size is free at all; -ENOBUFS if enough is free but not in
 * max_extents granule-aligned pieces. Nothing is zeroed here: the caller
 * zeroes out->to_zero after the call, outside the pool's lock. */
int range_pool_take(struct range_pool *pool, uint64_t size, uint64_t granule, unsigned max_extents,
                    struct range_take *out);
/* Takes exactly [base, base + size), which must be free throughout (one
 * run, whatever its flags): a domain whose RAM the boot loader placed.
 * -EBUSY, and nothing taken, if any of it is not free. Zeroing as above. */
int range_pool_take_at(struct range_pool *pool, uint64_t base, uint64_t size,
                       struct range_take *out);
/* One contiguous, align-aligned range, dirty or not (the caller zeroes or
 * overwrites it): for the hypervisor heap. */
int range_pool_alloc(struct range_pool *pool, uint64_t size, uint64_t align, uint64_t *base);
uint64_t range_pool_free_bytes(struct range_pool *pool);
/* The largest granule-aligned piece of one run: the most one extent can get. */
uint64_t range_pool_largest(struct range_pool *pool, uint64_t granule);

#endif
