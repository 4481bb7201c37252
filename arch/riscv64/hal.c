/* The platform services (septum/hal.h) on riscv64. The hypervisor runs with
 * address translation off (satp bare), so hal.h's identity phys/virt holds. */
#include <septum/hal.h>
#include <septum/platform.h>
#include <septum/string.h>
#include <septum/ticks.h>
#include <arch/csr.h>
#include <arch/machine.h>
#include <arch/pcpu.h>
#include <arch/sbi.h>

void hal_zero_for_guest(paddr_t pa, uint64_t size)
{
    memset(hal_phys_to_virt(pa), 0, size);
    hal_sync_for_guest(pa, size);
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
    return ticks_to_ns(csr_read(CSR_TIME), machine.timebase_hz);
}

unsigned hal_current_pcpu(void)
{
    return this_pcpu()->id;
}

void hal_kick_pcpu(unsigned pcpu)
{
    if (pcpu == hal_current_pcpu())
        return; /* the caller re-examines its vCPU before resuming anyway */
    sbi_send_ipi_one(platform.cpu_id[pcpu]);
}

void hal_system_off(void)
{
    sbi_system_reset(SBI_SRST_SHUTDOWN);
}

void hal_system_reset(void)
{
    sbi_system_reset(SBI_SRST_COLD_REBOOT);
}
