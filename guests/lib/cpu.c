/* Secondary CPUs: discovery from the device tree and start-up through the
 * architecture's power interface. */
#include <septum/errno.h>
#include "console.h"
#include "cpu.h"
#include "dtb.h"
#include "runtime.h"

/* Written by the boot CPU before it starts a CPU, read by the started CPU. */
static secondary_fn volatile secondary_fns[GUEST_MAX_CPUS];

int cpus_discover(const struct fdt *fdt, struct cpus *cpus)
{
    uint64_t self = cpu_hwid();
    int n = dtb_cpu_ids(fdt, cpus->hwid, GUEST_MAX_CPUS);

    if (n < 0)
        return n;
    cpus->count = (unsigned)n;
    for (unsigned i = 0; i < cpus->count; i++) {
        if (cpus->hwid[i] == self) {
            cpus->boot = i;
            cpu_set_index(i);
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
        return "boot cpu's " CPU_ID_NAME " not in /cpus";
    default:
        return "cannot read /cpus";
    }
}

int64_t cpu_start(unsigned index, uint64_t hwid, secondary_fn fn)
{
    if (index >= GUEST_MAX_CPUS)
        return -EINVAL;
    secondary_fns[index] = fn;
    /* The started CPU reads secondary_fns with its MMU and caches off. */
    dsb();
    return cpu_power_on(hwid, index);
}

void secondary_main(unsigned index)
{
    secondary_fn fn = secondary_fns[index];
    int64_t ret;

    if (fn)
        fn(index);
    ret = cpu_power_off();
    console_printf("%s: cpu %u: %s cpu off returned %ld\n", guest_name, index, power_interface_name,
                   (long)ret);
    for (;;)
        cpu_relax();
}
