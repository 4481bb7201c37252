/* CPU identities and secondary start-up. A CPU's logical index is its
 * position among the device tree's /cpus entries; it selects the CPU's
 * stack and console-lock slot (and, for the GIC, its redistributor). */
#ifndef GUEST_CPU_H
#define GUEST_CPU_H

#include <stdint.h>
#include <septum/fdt.h>
#include "arch.h"
#include "config.h"

struct cpus {
    unsigned count;
    unsigned boot;                 /* logical index of the CPU that entered the image */
    uint64_t hwid[GUEST_MAX_CPUS]; /* hardware ids (arch.h), as /cpus lists them */
};

/* Reads /cpus and finds the boot CPU in it (by hardware id), then makes
 * that position the boot CPU's logical index. Returns 0, -ENOENT (no CPU
 * listed), -E2BIG (more than GUEST_MAX_CPUS) or -ESRCH (boot CPU absent). */
int cpus_discover(const struct fdt *fdt, struct cpus *cpus);

/* What an error from cpus_discover() means, for a failure message. */
const char *cpus_strerror(int err);

typedef void (*secondary_fn)(unsigned index);

/* Starts logical CPU index (hardware id hwid) at the image's secondary
 * entry; there it runs fn(index) on its own stack and powers itself off if
 * fn returns. Returns 0 or the power interface's error. */
int64_t cpu_start(unsigned index, uint64_t hwid, secondary_fn fn);

/* For the architecture's entry code: the logical index the boot CPU runs
 * as, and the C entry of a secondary CPU (on its stack, index set). */
void cpu_set_index(unsigned index);
void secondary_main(unsigned index);

#endif
