/* A pool of free physical ranges: first-fit allocation with alignment,
 * coalescing on free. Serves the hypervisor heap and the guest RAM pool. */
#ifndef SEPTUM_RANGES_H
#define SEPTUM_RANGES_H

#include <stdint.h>
#include <septum/spinlock.h>

#define RANGE_POOL_MAX 64

struct range {
    uint64_t base;
    uint64_t size;
};

struct range_pool {
    spinlock_t lock;
    unsigned count;
    struct range free[RANGE_POOL_MAX]; /* sorted, non-adjacent */
};

void range_pool_init(struct range_pool *pool);
/* Adds [base, base + size) as free; -ENOSPC if the table is full. */
int range_pool_add(struct range_pool *pool, uint64_t base, uint64_t size);
/* Takes [base, base + size) out of the free ranges, wherever it overlaps. */
int range_pool_reserve(struct range_pool *pool, uint64_t base, uint64_t size);
int range_pool_alloc(struct range_pool *pool, uint64_t size, uint64_t align, uint64_t *base);
uint64_t range_pool_free_bytes(struct range_pool *pool);

#endif
