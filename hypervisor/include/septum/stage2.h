/* Stage-2 translation tables (RISC-V: G-stage): one radix-tree walker for
 * every architecture, writing the architecture's descriptor format
 * (arch_stage2, septum/arch.h). 4 KiB tables of 512 entries below a root
 * that covers ARCH_IPA_BITS with 512 to 4096 entries (arm64's level-1
 * root; RISC-V's Sv39x4 root of 2048); the largest leaf the format allows
 * wherever address and size alignment do, 4 KiB pages elsewhere. Plain C,
 * so it is unit-tested on the host. */
#ifndef SEPTUM_STAGE2_H
#define SEPTUM_STAGE2_H

#include <stdint.h>
#include <septum/arch.h>

struct stage2 {
    uint64_t *root;
    unsigned vmid;
    unsigned tables; /* table pages in use, a root of several pages counted once */
};

int stage2_init(struct stage2 *s2, unsigned vmid);
/* Frees every table page; the caller has stopped all users first. */
void stage2_release(struct stage2 *s2);
/* ipa, pa and size page aligned; -EEXIST if any of it is mapped already,
 * -ENOMEM when out of table pages. */
int stage2_map(struct stage2 *s2, uint64_t ipa, uint64_t pa, uint64_t size, enum stage2_type type);
/* Unmapped pages in the range are skipped; -EINVAL if the range cuts a
 * larger leaf (leaves are never split: unmaps follow earlier maps). */
int stage2_unmap(struct stage2 *s2, uint64_t ipa, uint64_t size);
/* Walks the tables: 0 and the output address, or -EFAULT when unmapped. */
int stage2_lookup(const struct stage2 *s2, uint64_t ipa, uint64_t *pa, enum stage2_type *type);

#endif
