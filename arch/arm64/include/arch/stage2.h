/* AArch64 stage-2 translation tables: 4 KiB granule, 39-bit IPA starting at
 * level 1, 2 MiB blocks wherever address and size alignment allow and 4 KiB
 * pages elsewhere. Plain C, so it is unit-tested on the host too. */
#ifndef ARCH_STAGE2_H
#define ARCH_STAGE2_H

#include <stdbool.h>
#include <stdint.h>

#define STAGE2_IPA_BITS 39
#define PAGE_SHIFT 12
#define PAGE_SIZE (1ull << PAGE_SHIFT)
#define BLOCK_SIZE (1ull << 21)

enum stage2_type {
    STAGE2_RAM,    /* Normal write-back, read/write/execute */
    STAGE2_DEVICE, /* Device-nGnRnE, read/write, never executable */
};

struct stage2 {
    uint64_t *root;
    unsigned vmid;
    unsigned tables; /* table pages in use, root included */
};

int stage2_init(struct stage2 *s2, unsigned vmid);
/* Frees every table page; the caller has stopped all users first. */
void stage2_release(struct stage2 *s2);
int stage2_map(struct stage2 *s2, uint64_t ipa, uint64_t pa, uint64_t size, enum stage2_type type);
int stage2_unmap(struct stage2 *s2, uint64_t ipa, uint64_t size);
/* Walks the tables: 0 and the output address, or -EFAULT when unmapped. */
int stage2_lookup(const struct stage2 *s2, uint64_t ipa, uint64_t *pa, enum stage2_type *type);
uint64_t stage2_vttbr(const struct stage2 *s2);

#endif
