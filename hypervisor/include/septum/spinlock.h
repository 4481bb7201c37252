/* A ticket spinlock on C11 atomics: waiters are served in arrival order, so
 * no pCPU can be starved by others retaking the lock. Waiters use WFE on
 * arm64 (woken by the SEV in spin_unlock), so that a waiting pCPU does not
 * starve the owner under QEMU's round-robin icount either. */
#ifndef SEPTUM_SPINLOCK_H
#define SEPTUM_SPINLOCK_H

#include <stdatomic.h>
#include <stdint.h>

typedef struct {
    _Atomic uint32_t next;  /* the ticket the next arrival takes */
    _Atomic uint32_t owner; /* the ticket being served */
} spinlock_t;

#define SPINLOCK_INIT                                                                              \
    {                                                                                              \
        0, 0                                                                                       \
    }

static inline void spin_lock(spinlock_t *l)
{
    uint32_t ticket = atomic_fetch_add_explicit(&l->next, 1, memory_order_relaxed);

    while (atomic_load_explicit(&l->owner, memory_order_acquire) != ticket) {
#ifdef __aarch64__
        __asm__ volatile("wfe" ::: "memory");
#endif
    }
}

static inline void spin_unlock(spinlock_t *l)
{
    uint32_t next = atomic_load_explicit(&l->owner, memory_order_relaxed) + 1;

    atomic_store_explicit(&l->owner, next, memory_order_release);
#ifdef __aarch64__
    __asm__ volatile("dsb ish\n\tsev" ::: "memory");
#endif
}

#endif
