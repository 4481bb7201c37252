/* A test-and-set spinlock on C11 atomics; waiters use WFE on arm64 so that a
 * waiting pCPU does not starve the owner under QEMU's round-robin icount. */
#ifndef SEPTUM_SPINLOCK_H
#define SEPTUM_SPINLOCK_H

#include <stdatomic.h>

typedef struct {
    atomic_flag held;
} spinlock_t;

#define SPINLOCK_INIT                                                                              \
    {                                                                                              \
        ATOMIC_FLAG_INIT                                                                           \
    }

static inline void spin_lock(spinlock_t *l)
{
    while (atomic_flag_test_and_set_explicit(&l->held, memory_order_acquire)) {
#ifdef __aarch64__
        __asm__ volatile("wfe");
#endif
    }
}

static inline void spin_unlock(spinlock_t *l)
{
    atomic_flag_clear_explicit(&l->held, memory_order_release);
#ifdef __aarch64__
    __asm__ volatile("dsb ish\n\tsev" ::: "memory");
#endif
}

#endif
