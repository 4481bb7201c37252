/* PSCI client. SMCCC lets the callee corrupt x0-x17, so the inline HVC lists
 * them all as clobbered. */
#include "console.h"
#include "psci.h"
#include "sysreg.h"

int64_t psci_call(uint32_t function, uint64_t arg1, uint64_t arg2, uint64_t arg3)
{
    register uint64_t x0 __asm__("x0") = function;
    register uint64_t x1 __asm__("x1") = arg1;
    register uint64_t x2 __asm__("x2") = arg2;
    register uint64_t x3 __asm__("x3") = arg3;

    __asm__ volatile("hvc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                     :
                     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
                       "x16", "x17", "memory");
    return (int64_t)x0;
}

uint32_t psci_version(void)
{
    return (uint32_t)psci_call(PSCI_VERSION, 0, 0, 0);
}

int64_t psci_cpu_on(uint64_t mpidr, uintptr_t entry, uint64_t context_id)
{
    return psci_call(PSCI_CPU_ON, mpidr, entry, context_id);
}

int64_t psci_cpu_off(void)
{
    return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

int64_t psci_affinity_info(uint64_t mpidr)
{
    /* Lowest affinity level 0: the state of exactly this CPU. */
    return psci_call(PSCI_AFFINITY_INFO, mpidr, 0, 0);
}

/* Parks a CPU whose power-off request failed. A plain spin rather than WFI:
 * nothing would ever wake it, and a hypervisor might then never see it again. */
static __attribute__((noreturn)) void park(void)
{
    irq_disable();
    for (;;)
        cpu_relax();
}

void psci_system_off(void)
{
    int64_t ret = psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);

    console_printf("psci: SYSTEM_OFF returned %ld\n", (long)ret);
    park();
}

void psci_system_reset(void)
{
    int64_t ret = psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);

    console_printf("psci: SYSTEM_RESET returned %ld\n", (long)ret);
    park();
}
