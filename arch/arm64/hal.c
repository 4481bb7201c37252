/* The platform services (septum/hal.h) that are arm64's; the heap's are the
 * core's (hypervisor/core/heap.c), so are those read from the machine's
 * device tree and device access (platform.c), and the console's its
 * driver's (hypervisor/drivers/uart.c). */
#include <septum/hal.h>
#include <septum/string.h>
#include <septum/ticks.h>
#include <arch/gic.h>
#include <arch/pcpu.h>
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
    return ticks_to_ns(read_sysreg(cntpct_el0), read_sysreg(cntfrq_el0));
}

unsigned hal_current_pcpu(void)
{
    return this_pcpu()->id;
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
