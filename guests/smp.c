/* smp: checks the CPU lifecycle a partition offers (PSCI on arm64, SBI HSM
 * on riscv64). Every CPU in the DTB's /cpus is started (CPU_ON,
 * hart_start), reports in, and is sent back off (CPU_OFF, hart_stop), while
 * the boot CPU checks each step with AFFINITY_INFO / hart_get_status. */
#include <stdint.h>
#include "lib/arch.h"
#include "lib/console.h"
#include "lib/cpu.h"
#include "lib/dtb.h"
#include "lib/runtime.h"
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
    console_printf("smp: cpu %u up, " CPU_ID_NAME " 0x%lx\n", index,
                   (unsigned long)cpu_id_register());
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
        ret = cpu_start(i, cpus.hwid[i], secondary);
        if (ret != 0)
            guest_fail("%s cpu on cpu %u (" CPU_ID_NAME " 0x%lx) returned %ld",
                       power_interface_name, i, (unsigned long)cpus.hwid[i], (long)ret);
    }
}

/* Waits for every secondary to report in, polling its power state meanwhile
 * so that a timeout says what the power interface thinks. A state of OFF
 * is not fatal on its own: QEMU, for one, starts CPUs asynchronously and
 * reports OFF for a moment after CPU_ON has succeeded. */
static void wait_all_up(void)
{
    uint64_t deadline = timer_deadline_ms(CPU_WAIT_MS);

    for (unsigned i = 0; i < cpus.count; i++) {
        while (i != cpus.boot && !cpu_up[i]) {
            int64_t state = cpu_power_state(cpus.hwid[i]);

            if (state < 0)
                guest_fail("%s cpu state of cpu %u returned %ld", power_interface_name, i,
                           (long)state);
            if (timer_passed(deadline))
                guest_fail("cpu %u not up after %u ms, %s state %ld", i, CPU_WAIT_MS,
                           power_interface_name, (long)state);
            cpu_relax();
        }
    }
}

static void check_all_on(void)
{
    for (unsigned i = 0; i < cpus.count; i++) {
        int64_t state = cpu_power_state(cpus.hwid[i]);

        if (state != CPU_STATE_ON)
            guest_fail("cpu %u is up but its %s state is %ld, not on", i, power_interface_name,
                       (long)state);
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

        while (i != cpus.boot && (state = cpu_power_state(cpus.hwid[i])) != CPU_STATE_OFF) {
            if (timer_passed(deadline))
                guest_fail("cpu %u not off after cpu off, %s state %ld", i, power_interface_name,
                           (long)state);
            cpu_relax();
        }
    }
}

int main(const void *dtb)
{
    struct fdt fdt;
    int err;
    uint32_t version = power_interface_version();

    if (dtb_open(&fdt, dtb) != 0)
        guest_fail("no valid DTB at %p", dtb);
    err = cpus_discover(&fdt, &cpus);
    if (err)
        guest_fail("%s", cpus_strerror(err));
    console_printf("smp: %s %u.%u, %u cpus, boot cpu %u\n", power_interface_name, version >> 16,
                   version & 0xffff, cpus.count, cpus.boot);
    start_all();
    wait_all_up();
    check_all_on();
    stop_all();
    console_printf("smp: all %u cpus up\n", cpus.count);
    console_printf("smp: done\n");
    system_off();
}
