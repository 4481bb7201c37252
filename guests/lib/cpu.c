/* Secondary CPUs: discovery from the device tree and PSCI start-up. */
#include <septum/errno.h>
#include "console.h"
#include "cpu.h"
#include "dtb.h"
#include "psci.h"
#include "runtime.h"

/* Written by the boot CPU before CPU_ON, read by the started CPU. */
static secondary_fn volatile secondary_fns[GUEST_MAX_CPUS];

int cpus_discover(const struct fdt *fdt, struct cpus *cpus)
{
    uint64_t self = mpidr_affinity();
    int n = dtb_cpu_mpidrs(fdt, cpus->mpidr, GUEST_MAX_CPUS);

    if (n < 0)
        return n;
    cpus->count = (unsigned)n;
    for (unsigned i = 0; i < cpus->count; i++) {
        if ((cpus->mpidr[i] & MPIDR_AFFINITY_MASK) == self) {
            cpus->boot = i;
            write_sysreg(tpidr_el1, i);
            return 0;
        }
    }
    return -ESRCH;
}

const char *cpus_strerror(int err)
{
    switch (err) {
    case -ENOENT:
        return "no cpu in /cpus";
    case -E2BIG:
        return "more cpus in /cpus than GUEST_MAX_CPUS";
    case -ESRCH:
        return "boot cpu's MPIDR not in /cpus";
    default:
        return "cannot read /cpus";
    }
}

int64_t cpu_start(unsigned index, uint64_t mpidr, secondary_fn fn)
{
    if (index >= GUEST_MAX_CPUS)
        return PSCI_INVALID_PARAMETERS;
    secondary_fns[index] = fn;
    /* The started CPU reads secondary_fns with its MMU and caches off. */
    dsb();
    return psci_cpu_on(mpidr, (uintptr_t)secondary_entry, index);
}

/* Called from start.S on the new CPU's stack, TPIDR_EL1 = index. */
void secondary_main(unsigned index);

void secondary_main(unsigned index)
{
    secondary_fn fn = secondary_fns[index];
    int64_t ret;

    if (fn)
        fn(index);
    ret = psci_cpu_off();
    console_printf("%s: cpu %u: CPU_OFF returned %ld\n", guest_name, index, (long)ret);
    for (;;)
        cpu_relax();
}
