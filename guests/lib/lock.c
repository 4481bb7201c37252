/* Lamport's bakery algorithm ("A New Solution of Dijkstra's Concurrent
 * Programming Problem", CACM 1974). Every step is separated by a full
 * barrier: the algorithm assumes sequentially consistent memory. */
#include <stdbool.h>
#include "lock.h"
#include "arch.h"

/* True when ticket (na, a) is served before ticket (nb, b). */
static bool served_before(uint32_t na, unsigned a, uint32_t nb, unsigned b)
{
    return na < nb || (na == nb && a < b);
}

void bakery_lock(struct bakery_lock *lock, unsigned self)
{
    uint32_t max = 0;

    lock->choosing[self] = 1;
    dmb();
    for (unsigned i = 0; i < GUEST_MAX_CPUS; i++) {
        uint32_t n = lock->number[i];

        if (n > max)
            max = n;
    }
    lock->number[self] = max + 1;
    dmb();
    lock->choosing[self] = 0;
    dmb();
    for (unsigned i = 0; i < GUEST_MAX_CPUS; i++) {
        if (i == self)
            continue;
        while (lock->choosing[i])
            cpu_relax();
        dmb();
        for (;;) {
            uint32_t n = lock->number[i];

            if (n == 0 || !served_before(n, i, lock->number[self], self))
                break;
            cpu_relax();
        }
    }
    dmb();
}

void bakery_unlock(struct bakery_lock *lock, unsigned self)
{
    dmb();
    lock->number[self] = 0;
    dmb();
}
