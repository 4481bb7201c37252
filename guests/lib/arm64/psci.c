/* PSCI client, and the arch API's CPU and system power on top of it
 * (lib/arch.h). SMCCC lets the callee corrupt x0-x17, so the inline HVC
 * lists them all as clobbered. */
#include "arch.h"
#include "console.h"
#include "cpu.h"
#include "psci.h"

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

const char power_interface_name[] = "psci";

uint32_t power_interface_version(void)
{
    return (uint32_t)psci_call(PSCI_VERSION, 0, 0, 0);
}

/* Entry point in start.S: x0 = context id = logical index. */
void secondary_entry(void);

int64_t cpu_power_on(uint64_t hwid, unsigned index)
{
    return psci_call(PSCI_CPU_ON, hwid, (uintptr_t)secondary_entry, index);
}

int64_t cpu_power_off(void)
{
    return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

/* AFFINITY_INFO's states are CPU_STATE_*. */
int64_t cpu_power_state(uint64_t hwid)
{
    /* Lowest affinity level 0: the state of exactly this CPU. */
    return psci_call(PSCI_AFFINITY_INFO, hwid, 0, 0);
}

/* Parks a CPU whose power-off request failed. A plain spin rather than WFI:
 * nothing would ever wake it, and a hypervisor might then never see it again. */
static __attribute__((noreturn)) void park(void)
{
    irq_disable();
    for (;;)
        cpu_relax();
}

void system_off(void)
{
    int64_t ret = psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);

    console_printf("psci: SYSTEM_OFF returned %ld\n", (long)ret);
    park();
}

void system_reset(void)
{
    int64_t ret = psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);

    console_printf("psci: SYSTEM_RESET returned %ld\n", (long)ret);
    park();
}
