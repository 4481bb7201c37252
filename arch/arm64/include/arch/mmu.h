/* EL2 identity map. */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdint.h>

void mmu_build(uint64_t ram_base, uint64_t ram_size);
/* Turns translation and caches on for the calling pCPU. */
void mmu_enable(void);

#endif
