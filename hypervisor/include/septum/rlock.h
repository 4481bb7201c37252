/* A recursive spinlock: the pCPU that holds it may take it again. Domain
 * management nests (a destroy finishes a stop, which releases the domain),
 * and this keeps each of those steps safe to call on its own. */
#ifndef SEPTUM_RLOCK_H
#define SEPTUM_RLOCK_H

#include <stdatomic.h>
#include <septum/hal.h>
#include <septum/spinlock.h>

#define RLOCK_NOBODY (-1)

struct rlock {
    spinlock_t lock;
    _Atomic int owner;
    unsigned depth;
};

#define RLOCK_INIT                                                                                 \
    {                                                                                              \
        SPINLOCK_INIT, RLOCK_NOBODY, 0                                                             \
    }

static inline void rlock_take(struct rlock *l)
{
    int me = (int)hal_current_pcpu();

    if (atomic_load(&l->owner) != me) {
        spin_lock(&l->lock);
        atomic_store(&l->owner, me);
    }
    l->depth++;
}

static inline void rlock_give(struct rlock *l)
{
    if (--l->depth == 0) {
        atomic_store(&l->owner, RLOCK_NOBODY);
        spin_unlock(&l->lock);
    }
}

#endif
