/* AArch64 stage-2 tables: the descriptor format (arch_stage2, for the
 * core's walker, septum/stage2.h) and the register that selects them. */
#ifndef ARCH_STAGE2_H
#define ARCH_STAGE2_H

#include <stdint.h>
#include <septum/stage2.h>

/* VTTBR_EL2's value for the tables: root and VMID. */
uint64_t vttbr_of(const struct stage2 *s2);

#endif
