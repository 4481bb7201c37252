/* The hypervisor's own heap (page tables, device tables, scratch): the
 * memory around its image that boot.c hands it. Memory free for domains is
 * the core's pool (septum/guest_ram.h). */
#include <septum/config.h>
#include <septum/hal.h>
#include <septum/heap.h>
#include <septum/string.h>

struct range_pool hyp_heap;

void *hal_alloc_pages(size_t pages)
{
    uint64_t size = pages * PAGE_SIZE, pa;
    uint64_t align = (size & (size - 1)) == 0 ? size : PAGE_SIZE;

    if (range_pool_alloc(&hyp_heap, size, align, &pa))
        return NULL;
    memset(hal_phys_to_virt(pa), 0, pages * PAGE_SIZE);
    return hal_phys_to_virt(pa);
}

/* Heap pages are zeroed when taken, so they go back as they are (dirty). */
void hal_free_pages(void *p, size_t pages)
{
    range_pool_add(&hyp_heap, hal_virt_to_phys(p), pages * PAGE_SIZE, true);
}

uint64_t hal_heap_free_bytes(void)
{
    return range_pool_free_bytes(&hyp_heap);
}
