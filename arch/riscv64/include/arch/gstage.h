/* G-stage translation (the core's stage 2, septum/arch.h arch_stage2_*):
 * Sv39x4, 41-bit guest physical addresses, a 16 KiB root table, 1 GiB and
 * 2 MiB pages wherever address and size alignment allow and 4 KiB pages
 * elsewhere. Plain C, so it is unit-tested on the host too. */
#ifndef ARCH_GSTAGE_H
#define ARCH_GSTAGE_H

#include <stdint.h>
#include <arch/types.h>

#define GSTAGE_ROOT_PAGES 4 /* 2048 entries: the root takes two more address bits */

/* The hgatp value that selects these tables: Sv39x4, VMID, root PPN. */
uint64_t gstage_hgatp(const struct stage2 *s2);

#endif
