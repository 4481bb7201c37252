/* The two physical memory pools: the hypervisor's heap (page tables, device
 * tables, scratch) and the pool that domains' RAM comes from. */
#ifndef ARCH_MEMORY_H
#define ARCH_MEMORY_H

#include <septum/ranges.h>

extern struct range_pool hyp_heap;
extern struct range_pool guest_pool;

#endif
