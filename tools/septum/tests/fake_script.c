/* SEPTUM_FAKE_SCRIPT: a scripted life for the simulated machine, so that
 * septum top can be tested against domains that get busy, appear, crash,
 * vanish, and statistics calls that fail.
 *
 * When the variable is set (even empty), every PHYSINFO call is a tick:
 * running domains get the wall-clock time since the previous tick and
 * their counters grow with it (fake_hypervisor.c says by how much). The
 * variable holds events separated by spaces, each "TICK:WHAT[:ARG...]",
 * applied at the TICK-th PHYSINFO call (septum top makes one per refresh,
 * so TICK is the refresh, from 1):
 *   N:boot:NAME:CPUS   a running domain appears, one vCPU per listed pCPU
 *   N:crash:NAME       the domain crashes
 *   N:native-wfi:NAME  the domain reports SEPTUM_DOMAIN_NATIVE_WFI
 *   N:destroy:NAME     the domain is gone before the tick's DOMAIN_LIST
 *   N:vanish:NAME      the domain is gone just after it: listed, but its
 *                      vCPU and statistics calls find no such domain
 *   N:fail:CALL        from then on every CALL fails with -EIO
 *   N:heal             calls stop failing
 * For example: "2:boot:web:3 3:crash:hello 4:fail:DOMAIN_STATS 5:heal". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fake_machine.h"

#define EVENT_MAX 128

static unsigned tick;
static uint64_t last_tick_ns;
static char failing[32];          /* the call that fails, or "" */
static char vanishing[EVENT_MAX]; /* removed after this tick's DOMAIN_LIST */

static uint64_t monotonic_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static struct fake_domain *by_name(const char *name)
{
    for (size_t i = 0; i < FAKE_MAX_DOMAINS; i++)
        if (fake_domains[i].used && strcmp(fake_domains[i].info.name, name) == 0)
            return &fake_domains[i];
    return NULL;
}

static void boot(const char *name, const char *cpus)
{
    struct septum_domain_config cfg;
    struct fake_domain *d;
    size_t n = 0;
    int64_t id;

    septum_domain_config_init(&cfg);
    if (septum_domain_config_set_name(&cfg, name) < 0 ||
        septum_parse_cpus(cpus, cfg.pcpus, SEPTUM_MAX_VCPUS, &n) < 0) {
        fprintf(stderr, "fake: bad boot event %s:%s\n", name, cpus);
        exit(2);
    }
    cfg.nr_vcpus = (uint32_t)n;
    cfg.mem_size = 64ull << 20;
    id = fake_create(&cfg);
    d = id >= 0 ? fake_domain((uint64_t)id) : NULL;
    if (!d) {
        fprintf(stderr, "fake: cannot boot %s: %s\n", name, strerror((int)-id));
        exit(2);
    }
    d->booted = true;
    fake_console_append(d, "Booting\r\n", 9);
    d->info.state = SEPTUM_STATE_RUNNING;
}

static void apply(char *what, char *arg, char *arg2)
{
    struct fake_domain *d = arg ? by_name(arg) : NULL;

    if (strcmp(what, "boot") == 0 && arg && arg2) {
        boot(arg, arg2);
    } else if (strcmp(what, "crash") == 0 && d) {
        d->info.state = SEPTUM_STATE_CRASHED;
        snprintf(d->info.crash_reason, sizeof(d->info.crash_reason), "scripted crash");
    } else if (strcmp(what, "native-wfi") == 0 && d) {
        d->flags |= SEPTUM_DOMAIN_NATIVE_WFI;
    } else if (strcmp(what, "destroy") == 0 && d) {
        fake_remove(d);
    } else if (strcmp(what, "vanish") == 0 && d) {
        snprintf(vanishing, sizeof(vanishing), "%s", arg);
    } else if (strcmp(what, "fail") == 0 && arg) {
        snprintf(failing, sizeof(failing), "%s", arg);
    } else if (strcmp(what, "heal") == 0) {
        failing[0] = 0;
    } else {
        fprintf(stderr, "fake: bad event %s:%s\n", what, arg ? arg : "");
        exit(2);
    }
}

void fake_script_tick(void)
{
    const char *script = getenv("SEPTUM_FAKE_SCRIPT");
    uint64_t now = monotonic_ns();
    char copy[1024], *save = NULL;

    if (!script)
        return;
    if (tick++)
        fake_machine_tick(now - last_tick_ns);
    last_tick_ns = now;
    snprintf(copy, sizeof(copy), "%s", script);
    for (char *event = strtok_r(copy, " ", &save); event; event = strtok_r(NULL, " ", &save)) {
        char *fields = NULL, *at = strtok_r(event, ":", &fields);
        char *what = strtok_r(NULL, ":", &fields);
        char *arg = strtok_r(NULL, ":", &fields), *arg2 = strtok_r(NULL, ":", &fields);

        if (!what) {
            fprintf(stderr, "fake: bad event '%s'\n", at);
            exit(2);
        }
        if (strtoul(at, NULL, 10) == tick)
            apply(what, arg, arg2);
    }
}

void fake_script_after_list(void)
{
    struct fake_domain *d = vanishing[0] ? by_name(vanishing) : NULL;

    if (d)
        fake_remove(d);
    vanishing[0] = 0;
}

bool fake_script_fails(const char *call)
{
    return failing[0] && strcmp(failing, call) == 0;
}
