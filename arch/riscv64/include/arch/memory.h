/* The hypervisor's own heap (page tables, device tables, scratch). Memory
 * free for domains is the core's pool (septum/guest_ram.h). */
#ifndef ARCH_MEMORY_H
#define ARCH_MEMORY_H

#include <septum/ranges.h>

extern struct range_pool hyp_heap;

#endif
