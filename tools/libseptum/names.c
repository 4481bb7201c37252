/* Names for the ABI's enumerations, as the tools print them. */
#include "septum.h"

#define NAME_OF(table, i) ((i) < sizeof(table) / sizeof(table[0]) ? table[i] : "unknown")

const char *septum_state_name(uint32_t state)
{
    static const char *const names[] = {
        [SEPTUM_STATE_CREATED] = "created",     [SEPTUM_STATE_RUNNING] = "running",
        [SEPTUM_STATE_PAUSED] = "paused",       [SEPTUM_STATE_SHUTTING_DOWN] = "shutting-down",
        [SEPTUM_STATE_DESTROYED] = "destroyed", [SEPTUM_STATE_CRASHED] = "crashed",
    };

    return NAME_OF(names, state);
}

const char *septum_vcpu_power_name(uint32_t power)
{
    static const char *const names[] = {
        [SEPTUM_VCPU_OFF] = "off",
        [SEPTUM_VCPU_ON_PENDING] = "starting",
        [SEPTUM_VCPU_ON] = "on",
    };

    return NAME_OF(names, power);
}

const char *septum_exit_name(uint32_t cause)
{
    static const char *const names[SEPTUM_EXIT_CAUSES] = {
        [SEPTUM_EXIT_HVC] = "hvc",   [SEPTUM_EXIT_SMC] = "smc", [SEPTUM_EXIT_SYSREG] = "sysreg",
        [SEPTUM_EXIT_MMIO] = "mmio", [SEPTUM_EXIT_IRQ] = "irq", [SEPTUM_EXIT_OTHER] = "other",
    };

    return NAME_OF(names, cause);
}
