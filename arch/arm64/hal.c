/* The platform services (septum/hal.h) on arm64; the heap's are the core's
 * (hypervisor/core/heap.c), the console's its driver's. */
#include <septum/hal.h>
#include <septum/config.h>
#include <septum/platform.h>
#include <septum/string.h>
#include <arch/gic.h>
#include <arch/pcpu.h>
#include <arch/platform.h>
#include <arch/psci.h>
#include <arch/sysreg.h>

/* Zeroes guest memory a cache block at a time with DC ZVA where allowed
 * (one instruction per block instead of a store loop), then cleans it so
 * that a guest with its MMU off sees the zeros. */
void hal_zero_for_guest(paddr_t pa, uint64_t size)
{
    uint64_t dczid = read_sysreg(dczid_el0);
    uint64_t block = 4ull << (dczid & 0xf);

    if ((dczid & (1u << 4)) || ((pa | size) & (block - 1))) {
        memset(hal_phys_to_virt(pa), 0, size); /* DC ZVA prohibited or unaligned */
    } else {
        for (uint64_t a = pa; a < pa + size; a += block)
            __asm__ volatile("dc zva, %0" ::"r"(a) : "memory");
    }
    hal_sync_for_guest(pa, size);
}

uint64_t hal_mmio_read(paddr_t pa, unsigned size)
{
    volatile void *p = hal_phys_to_virt(pa);

    switch (size) {
    case 1:
        return *(volatile uint8_t *)p;
    case 2:
        return *(volatile uint16_t *)p;
    case 4:
        return *(volatile uint32_t *)p;
    default:
        return *(volatile uint64_t *)p;
    }
}

void hal_mmio_write(paddr_t pa, unsigned size, uint64_t value)
{
    volatile void *p = hal_phys_to_virt(pa);

    switch (size) {
    case 1:
        *(volatile uint8_t *)p = (uint8_t)value;
        break;
    case 2:
        *(volatile uint16_t *)p = (uint16_t)value;
        break;
    case 4:
        *(volatile uint32_t *)p = (uint32_t)value;
        break;
    default:
        *(volatile uint64_t *)p = value;
        break;
    }
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

void *hal_phys_to_virt(paddr_t pa)
{
    return (void *)(uintptr_t)pa; /* identity map */
}

paddr_t hal_virt_to_phys(const void *va)
{
    return (paddr_t)(uintptr_t)va;
}

void hal_sync_for_guest(paddr_t pa, uint64_t size)
{
    uint64_t line = 4ull << ((read_sysreg(ctr_el0) >> 16) & 0xf);

    for (uint64_t a = pa & ~(line - 1); a < pa + size; a += line)
        __asm__ volatile("dc cvac, %0" ::"r"(a) : "memory");
    dsb(ish);
    __asm__ volatile("ic ialluis" ::: "memory");
    dsb(ish);
    isb();
}

uint64_t hal_time_ns(void)
{
    uint64_t freq = read_sysreg(cntfrq_el0);
    uint64_t count = read_sysreg(cntpct_el0);

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
    gic_send_sgi(pcpus[pcpu].mpidr, INTID_KICK);
}

void hal_system_off(void)
{
    psci_system_off();
    for (;;)
        wfi();
}

void hal_system_reset(void)
{
    psci_system_reset();
    for (;;)
        wfi();
}
