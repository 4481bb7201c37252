/* The platform services (septum/hal.h) on riscv64. The hypervisor runs with
 * address translation off (satp bare): virtual addresses are physical. */
#include <septum/hal.h>
#include <septum/ranges.h>
#include <septum/string.h>
#include <arch/csr.h>
#include <arch/memory.h>
#include <arch/pcpu.h>
#include <arch/platform.h>
#include <arch/sbi.h>

#define PAGE 4096ull

struct range_pool hyp_heap;

/* A power-of-two number of pages comes aligned to its size: the G-stage
 * root table (16 KiB) must be. */
void *hal_alloc_pages(size_t pages)
{
    uint64_t size = pages * PAGE, pa;
    uint64_t align = (size & (size - 1)) == 0 ? size : PAGE;

    if (range_pool_alloc(&hyp_heap, size, align, &pa))
        return NULL;
    memset((void *)(uintptr_t)pa, 0, size);
    return (void *)(uintptr_t)pa;
}

/* Heap pages are zeroed when taken, so they go back as they are (dirty). */
void hal_free_pages(void *p, size_t pages)
{
    range_pool_add(&hyp_heap, (uint64_t)(uintptr_t)p, pages * PAGE, true);
}

void hal_zero_for_guest(paddr_t pa, uint64_t size)
{
    memset(hal_phys_to_virt(pa), 0, size);
    hal_sync_for_guest(pa, size);
}

const void *hal_host_fdt(uint64_t *size)
{
    *size = platform.dtb_size;
    return platform.dtb;
}

uint64_t hal_ram_total(void)
{
    return platform.ram_size;
}

uint64_t hal_heap_free_bytes(void)
{
    return range_pool_free_bytes(&hyp_heap);
}

void *hal_phys_to_virt(paddr_t pa)
{
    return (void *)(uintptr_t)pa;
}

paddr_t hal_virt_to_phys(const void *va)
{
    return (paddr_t)(uintptr_t)va;
}

/* RISC-V harts keep data caches coherent; what a guest will execute needs
 * the stores ordered before its instruction fetches. fence.i acts on this
 * hart only: a vCPU's own pCPU fences again when it starts (vcpu.c). */
void hal_sync_for_guest(paddr_t pa, uint64_t size)
{
    (void)pa;
    (void)size;
    __asm__ volatile("fence rw, rw\n\tfence.i" ::: "memory");
}

uint64_t hal_time_ns(void)
{
    uint64_t freq = platform.timebase_hz;
    uint64_t count = csr_read(CSR_TIME);

    return freq ? (count / freq) * 1000000000ull + (count % freq) * 1000000000ull / freq : 0;
}

unsigned hal_current_pcpu(void)
{
    return this_pcpu()->id;
}

unsigned hal_nr_pcpus(void)
{
    return platform.nr_cpus;
}

void hal_kick_pcpu(unsigned pcpu)
{
    if (pcpu == hal_current_pcpu())
        return; /* the caller re-examines its vCPU before resuming anyway */
    sbi_send_ipi_one(pcpus[pcpu].hartid);
}

void hal_system_off(void)
{
    sbi_system_reset(SBI_SRST_SHUTDOWN);
}

void hal_system_reset(void)
{
    sbi_system_reset(SBI_SRST_COLD_REBOOT);
}
