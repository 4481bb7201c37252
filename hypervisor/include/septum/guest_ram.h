/* Memory free for domains: one pool of free extents (range_pool) that
 * remember whether they still need zeroing. When what is scrubbed:
 *  - memory a domain gives back goes back dirty, untouched: stopping a
 *    domain does no long work on anyone's pCPU;
 *  - memory never handed out since boot is dirty too (it holds whatever
 *    was there), unless the boot loader says RAM came zeroed from power-on
 *    (septum,ram-zeroed) and this is not a warm reset (boot_memory.c);
 *  - every dirty piece is zeroed when it is handed out, by the caller of
 *    guest_ram_alloc(), after the pool's lock is dropped: nothing leaves
 *    the pool unzeroed, so no domain ever sees another's data.
 * A domain's restart zeroes its own RAM in place (aspace_scrub()). */
#ifndef SEPTUM_GUEST_RAM_H
#define SEPTUM_GUEST_RAM_H

#include <stdint.h>
#include <septum/hal.h>
#include <septum/ranges.h>

/* The stage-2 block size: extents are aligned to it wherever free memory
 * allows, so that they map with blocks rather than pages. */
#define GUEST_RAM_BLOCK (2ull << 20)

/* The pool itself, for boot code to fill (range_pool_add(), dirty) and to
 * carve boot modules out of (range_pool_reserve()). */
struct range_pool *guest_ram_pool(void);

/* size bytes (a multiple of align, itself a power of two from 4 KiB to
 * GUEST_RAM_BLOCK) in at most max_extents extents, all zeroed:
 * GUEST_RAM_BLOCK-aligned ones if free memory allows, else align-aligned
 * ones. Extents aligned to GUEST_RAM_BLOCK at both ends come first in
 * out->extents, so that mapped one after the other from an aligned address
 * they keep their blocks. -ENOMEM if less than size is free, -ENOBUFS if
 * free memory is in more pieces than max_extents allows. */
int guest_ram_alloc(uint64_t size, uint64_t align, unsigned max_extents, struct range_take *out);
/* The same, but nothing is zeroed: the caller must zero out->to_zero
 * before anyone can see the memory. */
int guest_ram_take(uint64_t size, uint64_t align, unsigned max_extents, struct range_take *out);
/* Exactly [base, base + size) (both GUEST_RAM_BLOCK-aligned), for a domain
 * whose RAM the boot loader placed; -EBUSY if any of it is not free. As
 * guest_ram_take(), nothing is zeroed. */
int guest_ram_take_at(uint64_t base, uint64_t size, struct range_take *out);
/* Zeroes take->to_zero but the bytes of keep[0..nr_keep) (sorted by base,
 * not overlapping): what a boot loader placed there for the domain. */
void guest_ram_zero(const struct range_take *take, const struct range *keep, unsigned nr_keep);
/* Gives an extent back, dirty. */
void guest_ram_free(paddr_t pa, uint64_t size);
uint64_t guest_ram_free_bytes(void);
/* The largest GUEST_RAM_BLOCK-aligned extent free: the most RAM a
 * direct-mapped domain (one extent) can get. */
uint64_t guest_ram_largest_free(void);

#endif
