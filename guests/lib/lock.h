/* A mutual-exclusion lock that needs no atomic instructions. */
#ifndef GUEST_LOCK_H
#define GUEST_LOCK_H

#include <stdint.h>
#include "config.h"

/* Lamport's bakery lock over CPU slots. Guests run with the MMU off, so all
 * data is Device memory, where exclusive loads and stores are not
 * guaranteed to work; the bakery algorithm needs only ordered plain loads
 * and stores. Zero-initialised storage is an unlocked lock. */
struct bakery_lock {
    volatile uint32_t choosing[GUEST_MAX_CPUS];
    volatile uint32_t number[GUEST_MAX_CPUS];
};

/* Both take the calling CPU's slot (cpu_index()). */
void bakery_lock(struct bakery_lock *lock, unsigned self);
void bakery_unlock(struct bakery_lock *lock, unsigned self);

#endif
