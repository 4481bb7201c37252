/* A domain's guest-physical address space (stage 2): which IPA ranges are
 * RAM backed by which physical memory, plus checked copies to and from
 * guest memory. The tables are septum/stage2.h's. */
#ifndef SEPTUM_ASPACE_H
#define SEPTUM_ASPACE_H

#include <stdbool.h>
#include <stdint.h>
#include <septum/hal.h>
#include <septum/stage2.h>

/* A domain's RAM is at most this many physical extents, mapped one after
 * the other in its guest-physical space (devices are not counted). */
#define ASPACE_MAX_RAM 16

struct ram_range {
    uint64_t ipa;
    paddr_t pa;
    uint64_t size;
};

struct aspace {
    struct stage2 s2;
    struct ram_range ram[ASPACE_MAX_RAM];
    unsigned nr_ram;
};

int aspace_init(struct aspace *as, unsigned vmid);
void aspace_release(struct aspace *as);
/* Maps RAM at ipa; both addresses and size must be page aligned. */
int aspace_map_ram(struct aspace *as, uint64_t ipa, paddr_t pa, uint64_t size);
/* Maps a passed-through device range (device memory, never executable). */
int aspace_map_device(struct aspace *as, uint64_t ipa, paddr_t pa, uint64_t size);
/* True if no page of [ipa, ipa + size) is mapped (page aligned). */
bool aspace_is_unmapped(const struct aspace *as, uint64_t ipa, uint64_t size);
/* Maps memory shared with other domains (normal memory, not counted as the
 * domain's RAM: never scrubbed on restart, never a hypercall buffer);
 * -EEXIST if any page of the range is mapped already. */
int aspace_map_shared(struct aspace *as, uint64_t ipa, paddr_t pa, uint64_t size);
/* Removes a mapping; the caller flushes the domain's TLB entries. */
void aspace_unmap(struct aspace *as, uint64_t ipa, uint64_t size);
/* Host physical address of guest RAM at ipa with len bytes available in
 * the same RAM range (one physical extent); -EFAULT if [ipa, ipa + len)
 * is not all guest RAM of one extent. */
int aspace_translate(const struct aspace *as, uint64_t ipa, uint64_t len, paddr_t *pa);
/* The piece of guest RAM at ipa that one extent holds: its host physical
 * address and how many of the len bytes it covers; -EFAULT if ipa is not
 * guest RAM. Walking [ipa, ipa + len) piece by piece reaches across
 * extent edges. */
int aspace_piece(const struct aspace *as, uint64_t ipa, uint64_t len, paddr_t *pa, uint64_t *piece);
/* True if every byte of [ipa, ipa + len) is guest RAM, whatever extents
 * it spans. */
bool aspace_is_ram(const struct aspace *as, uint64_t ipa, uint64_t len);
/* Checked copies: nothing is copied unless every byte is guest RAM. */
int aspace_copy_to_guest(struct aspace *as, uint64_t ipa, const void *src, uint64_t len);
int aspace_copy_from_guest(const struct aspace *as, void *dst, uint64_t ipa, uint64_t len);
/* Zeroes all of the domain's RAM (on restart). */
void aspace_scrub(struct aspace *as);

#endif
