/* The few platform services the riscv64 table and decoder code needs on
 * the host: pages from the C heap, addresses as they are. */
#include <stdlib.h>
#include <string.h>
#include <septum/hal.h>
#include "page_hal.h"

#define PAGE 4096u

unsigned test_pages_in_use;

void *hal_alloc_pages(size_t pages)
{
    /* Naturally aligned, as the hypervisor's allocator gives them. */
    void *p = aligned_alloc(PAGE * pages, PAGE * pages);

    if (p) {
        memset(p, 0, pages * PAGE);
        test_pages_in_use += (unsigned)pages;
    }
    return p;
}

void hal_free_pages(void *p, size_t pages)
{
    free(p);
    test_pages_in_use -= (unsigned)pages;
}

void *hal_phys_to_virt(paddr_t pa)
{
    return (void *)(uintptr_t)pa;
}

paddr_t hal_virt_to_phys(const void *va)
{
    return (paddr_t)(uintptr_t)va;
}
