/* CPU identities and secondary start-up. A CPU's logical index is its
 * position among the device tree's /cpus entries; it selects the CPU's
 * stack, console-lock slot and (in the irq guest) redistributor. */
#ifndef GUEST_CPU_H
#define GUEST_CPU_H

#include <stdint.h>
#include <septum/fdt.h>
#include "config.h"
#include "sysreg.h"

struct cpus {
    unsigned count;
    unsigned boot; /* logical index of the CPU that entered the image */
    uint64_t mpidr[GUEST_MAX_CPUS];
};

/* The calling CPU's logical index, kept in TPIDR_EL1. */
static inline unsigned cpu_index(void)
{
    return (unsigned)read_sysreg(tpidr_el1);
}

/* Reads /cpus and finds the boot CPU in it (by MPIDR affinity), then makes
 * that position the boot CPU's logical index. Returns 0, -ENOENT (no CPU
 * listed), -E2BIG (more than GUEST_MAX_CPUS) or -ESRCH (boot CPU absent). */
int cpus_discover(const struct fdt *fdt, struct cpus *cpus);

/* What an error from cpus_discover() means, for a failure message. */
const char *cpus_strerror(int err);

typedef void (*secondary_fn)(unsigned index);

/* Starts logical CPU index (affinity mpidr) with PSCI CPU_ON at the image's
 * secondary entry, context id = index; there it runs fn(index) on its own
 * stack and calls CPU_OFF if fn returns. Returns the PSCI result. */
int64_t cpu_start(unsigned index, uint64_t mpidr, secondary_fn fn);

/* Entry points in start.S. */
void secondary_entry(void);

#endif
