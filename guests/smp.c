/* smp: checks the PSCI CPU lifecycle a partition offers. Every CPU in the
 * DTB's /cpus is started with CPU_ON, reports in, and is sent back off with
 * CPU_OFF, while the boot CPU checks each step with AFFINITY_INFO. */
#include <stdint.h>
#include "lib/console.h"
#include "lib/cpu.h"
#include "lib/dtb.h"
#include "lib/psci.h"
#include "lib/runtime.h"
#include "lib/sysreg.h"
#include "lib/timer.h"

/* Generous: TCG on a loaded host can take a while to schedule a vCPU. */
#define CPU_WAIT_MS 5000

const char guest_name[] = "smp";

static struct cpus cpus;

/* Handshake words; each is written by one CPU only, so plain stores and
 * barriers suffice (no atomics with the MMU off). */
static volatile uint32_t cpu_up[GUEST_MAX_CPUS];      /* by the secondary */
static volatile uint32_t cpu_may_off[GUEST_MAX_CPUS]; /* by the boot CPU */

static void secondary(unsigned index)
{
    console_printf("smp: cpu %u up, mpidr 0x%lx\n", index, (unsigned long)read_sysreg(mpidr_el1));
    dmb();
    cpu_up[index] = 1;
    while (!cpu_may_off[index])
        cpu_relax();
    /* Returning makes the runtime call CPU_OFF. */
}

static void start_all(void)
{
    for (unsigned i = 0; i < cpus.count; i++) {
        int64_t ret;

        if (i == cpus.boot)
            continue;
        ret = cpu_start(i, cpus.mpidr[i], secondary);
        if (ret != PSCI_SUCCESS)
            guest_fail("CPU_ON cpu %u (mpidr 0x%lx) returned %ld", i, (unsigned long)cpus.mpidr[i],
                       (long)ret);
    }
}

/* Waits for every secondary to report in, polling AFFINITY_INFO meanwhile so
 * that a timeout says what the PSCI implementation thinks. A state of OFF
 * is not fatal on its own: QEMU, for one, starts CPUs asynchronously and
 * reports OFF for a moment after CPU_ON has succeeded. */
static void wait_all_up(void)
{
    uint64_t deadline = timer_deadline_ms(CPU_WAIT_MS);

    for (unsigned i = 0; i < cpus.count; i++) {
        while (i != cpus.boot && !cpu_up[i]) {
            int64_t state = psci_affinity_info(cpus.mpidr[i]);

            if (state < 0)
                guest_fail("AFFINITY_INFO cpu %u returned %ld", i, (long)state);
            if (timer_passed(deadline))
                guest_fail("cpu %u not up after %u ms, AFFINITY_INFO %ld", i, CPU_WAIT_MS,
                           (long)state);
            cpu_relax();
        }
    }
}

static void check_all_on(void)
{
    for (unsigned i = 0; i < cpus.count; i++) {
        int64_t state = psci_affinity_info(cpus.mpidr[i]);

        if (state != PSCI_AFFINITY_ON)
            guest_fail("cpu %u is up but AFFINITY_INFO is %ld, not ON", i, (long)state);
    }
}

static void stop_all(void)
{
    uint64_t deadline;

    dmb();
    for (unsigned i = 0; i < cpus.count; i++)
        cpu_may_off[i] = 1;
    dsb();
    deadline = timer_deadline_ms(CPU_WAIT_MS);
    for (unsigned i = 0; i < cpus.count; i++) {
        int64_t state;

        while (i != cpus.boot && (state = psci_affinity_info(cpus.mpidr[i])) != PSCI_AFFINITY_OFF) {
            if (timer_passed(deadline))
                guest_fail("cpu %u not off after CPU_OFF, AFFINITY_INFO %ld", i, (long)state);
            cpu_relax();
        }
    }
}

int main(const void *dtb)
{
    struct fdt fdt;
    int err;
    uint32_t version = psci_version();

    if (dtb_open(&fdt, dtb) != 0)
        guest_fail("no valid DTB at %p", dtb);
    err = cpus_discover(&fdt, &cpus);
    if (err)
        guest_fail("%s", cpus_strerror(err));
    console_printf("smp: psci %u.%u, %u cpus, boot cpu %u\n", version >> 16, version & 0xffff,
                   cpus.count, cpus.boot);
    start_all();
    wait_all_up();
    check_all_on();
    stop_all();
    console_printf("smp: all %u cpus up\n", cpus.count);
    console_printf("smp: done\n");
    psci_system_off();
}
