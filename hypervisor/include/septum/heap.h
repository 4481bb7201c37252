/* The hypervisor's own heap, behind hal_alloc_pages() (heap.c); boot.c
 * fills it. */
#ifndef SEPTUM_HEAP_H
#define SEPTUM_HEAP_H

#include <septum/ranges.h>

extern struct range_pool hyp_heap;

#endif
