/* AArch64 stage-2 translation tables (septum/arch.h's arch_stage2_*): 4 KiB
 * granule, ARCH_IPA_BITS of IPA starting at level 1, 2 MiB blocks wherever
 * address and size alignment allow and 4 KiB pages elsewhere. Plain C, so
 * it is unit-tested on the host too. */
#ifndef ARCH_STAGE2_H
#define ARCH_STAGE2_H

#include <stdint.h>
#include <septum/arch.h>
#include <septum/config.h>

#define BLOCK_SIZE (1ull << 21)

/* VTTBR_EL2's value for the tables: root and VMID. */
uint64_t stage2_vttbr(const struct stage2 *s2);

#endif
