/* RISC-V G-stage translation tables (the core's "stage 2"): Sv39x4, 41-bit
 * guest physical addresses, a 16 KiB root table, 1 GiB and 2 MiB pages
 * wherever address and size alignment allow and 4 KiB pages elsewhere.
 * Plain C, so it is unit-tested on the host too. */
#ifndef ARCH_STAGE2_H
#define ARCH_STAGE2_H

#include <stdbool.h>
#include <stdint.h>

#define STAGE2_IPA_BITS 41
#define PAGE_SHIFT 12
#define PAGE_SIZE (1ull << PAGE_SHIFT)
#define STAGE2_ROOT_PAGES 4 /* 2048 entries: the root takes two more address bits */

enum stage2_type {
    STAGE2_RAM,    /* read/write/execute */
    STAGE2_DEVICE, /* read/write, never executable */
};

struct stage2 {
    uint64_t *root;
    unsigned vmid;
    unsigned tables; /* table pages in use, the root counted as one */
};

int stage2_init(struct stage2 *s2, unsigned vmid);
/* Frees every table page; the caller has stopped all users first. */
void stage2_release(struct stage2 *s2);
int stage2_map(struct stage2 *s2, uint64_t ipa, uint64_t pa, uint64_t size, enum stage2_type type);
int stage2_unmap(struct stage2 *s2, uint64_t ipa, uint64_t size);
/* Walks the tables: 0 and the output address, or -EFAULT when unmapped. */
int stage2_lookup(const struct stage2 *s2, uint64_t ipa, uint64_t *pa, enum stage2_type *type);
/* The hgatp value that selects these tables: Sv39x4, VMID, root PPN. */
uint64_t stage2_hgatp(const struct stage2 *s2);

#endif
