/* The physical memory pools: the hypervisor's heap (page tables, device
 * tables, scratch), and domains' RAM: never used since boot (zeroed when
 * handed out) or given back by a domain (already scrubbed). */
#ifndef ARCH_MEMORY_H
#define ARCH_MEMORY_H

#include <septum/ranges.h>

extern struct range_pool hyp_heap;
extern struct range_pool guest_pool;
extern struct range_pool scrubbed_pool;

#endif
