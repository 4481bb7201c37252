/* septum-fake's septum_open(): the hypercalls of a simulated machine
 * (fake_machine.c), checked the way the driver and the hypervisor check
 * them, so that the CLI can be tested on the host.
 *   SEPTUM_FAKE_TRACE=FILE  appends "NAME x1 x2 x3 x4 x5 -> x0" per call
 *                           (DOMAIN_CREATE adds its configuration)
 *   SEPTUM_FAKE_FAIL=NAME[:ERRNO]  makes every NAME call (e.g.
 *                           DOMAIN_START) fail with -ERRNO (-ENOMEM)
 *   SEPTUM_FAKE_DEAF=1      guests ignore requests to power off or reboot
 *   SEPTUM_FAKE_SCRIPT=...  time passes and counters grow at each PHYSINFO
 *                           call, and events happen (fake_script.c) */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_machine.h"

static const char *const call_names[SEPTUM_HC_COUNT] = {
    "VERSION",         "FEATURES",        "WHOAMI",       "PHYSINFO",     "DOMAIN_CREATE",
    "DOMAIN_LOAD",     "DOMAIN_SET_BOOT", "DOMAIN_START", "DOMAIN_PAUSE", "DOMAIN_UNPAUSE",
    "DOMAIN_SHUTDOWN", "DOMAIN_DESTROY",  "DOMAIN_LIST",  "DOMAIN_INFO",  "VCPU_INFO",
    "CONSOLE_READ",    "CONSOLE_WRITE",   "LOG_READ",     "DOMAIN_STATS",
};

static bool is_septum_call(uint64_t fn)
{
    return fn >= SEPTUM_HC(0) && fn < SEPTUM_HC(SEPTUM_HC_COUNT);
}

static const char *call_name(uint64_t fn)
{
    return is_septum_call(fn) ? call_names[fn - SEPTUM_HC(0)] : "UNKNOWN";
}

/* The buffer whose address register `arg` holds, `dir` as asked, with at
 * least the length register's bytes; NULL stands for a bad address. */
static void *buffer(const struct septum_ioctl_hypercall *hc, unsigned arg, unsigned len_arg,
                    uint32_t dir)
{
    for (unsigned i = 0; i < hc->nr_bufs; i++) {
        const struct septum_ioctl_buffer *b = &hc->bufs[i];

        if (b->arg == arg && (b->dir & dir) && hc->args[len_arg] <= b->len)
            return (void *)(uintptr_t)b->uaddr;
    }
    return NULL;
}

static int64_t list(struct septum_ioctl_hypercall *hc)
{
    struct septum_domain_info *out = buffer(hc, 1, 2, SEPTUM_BUF_OUT);
    size_t room = out ? hc->args[2] / sizeof(*out) : 0, n = 0;

    if (!out && hc->args[2])
        return -EFAULT;
    for (size_t i = 0; i < FAKE_MAX_DOMAINS; i++)
        if (fake_domains[i].used && n++ < room)
            out[n - 1] = fake_domains[i].info;
    return (int64_t)n;
}

static int64_t vcpu_info(const struct fake_domain *d, struct septum_ioctl_hypercall *hc)
{
    struct septum_vcpu_info *out = buffer(hc, 2, 3, SEPTUM_BUF_OUT);
    size_t room = out ? hc->args[3] / sizeof(*out) : 0;

    if (!out)
        return -EFAULT;
    /* In scripted runs, exits grow per second of running: MMIO with the
     * domain id, so that domains differ. */
    for (uint32_t v = 0; v < d->info.nr_vcpus && v < room; v++) {
        out[v] = (struct septum_vcpu_info){
            .vcpu = v,
            .pcpu = d->pcpus[v],
            .power = d->info.state == SEPTUM_STATE_RUNNING ? SEPTUM_VCPU_ON : SEPTUM_VCPU_OFF,
            .time_ns = d->info.cpu_time_ns / d->info.nr_vcpus,
            .exits = {10 + fake_activity(d, 10), 0, 3,
                      25 + d->info.domid + fake_activity(d, 50 * (d->info.domid + 1)),
                      7 + fake_activity(d, 25), 1},
        };
    }
    return d->info.nr_vcpus;
}

static int64_t stats(const struct fake_domain *d, struct septum_ioctl_hypercall *hc)
{
    struct septum_domain_stats *out = buffer(hc, 2, 3, SEPTUM_BUF_OUT);

    if (!out || hc->args[3] < sizeof(*out))
        return -EFAULT;
    /* In scripted runs the counters grow per second of running; the
     * console with the domain id, so that domains differ. */
    uint64_t printed = d->console_len + fake_activity(d, 60 * (d->info.domid + 1));

    memset(out, 0, sizeof(*out));
    out->hypercalls = 42 + fake_activity(d, 10);
    out->irqs_injected = 7 + fake_activity(d, 25);
    out->console_bytes = printed;
    out->mem_boot_copies = (uint64_t)d->info.domid << 20;
    out->mem_hypervisor = 24 << 10;
    out->flags = d->flags;
    out->nr_ram_extents = d->info.domid == 1 ? 2 : 1;
    out->nr_devices = 2;
    out->devices[0] = (struct septum_device_stats){
        "pl011", 0x09000000, 0x1000, 3 + fake_activity(d, 5), printed, 0};
    out->devices[1] = (struct septum_device_stats){"gicd",
                                                   0x08000000,
                                                   0x10000,
                                                   12 + fake_activity(d, 20),
                                                   9 + fake_activity(d, 10),
                                                   7 + fake_activity(d, 25)};
    return 0;
}

static int64_t load(struct fake_domain *d, struct septum_ioctl_hypercall *hc)
{
    uint64_t ipa = hc->args[2], len = hc->args[4];

    if (!buffer(hc, 3, 4, SEPTUM_BUF_IN) || len == 0 || len > SEPTUM_BUFFER_MAX)
        return -EFAULT;
    if (d->info.state != SEPTUM_STATE_CREATED && d->info.state != SEPTUM_STATE_PAUSED)
        return -EBUSY;
    if (ipa < SEPTUM_GUEST_RAM_BASE || ipa + len > SEPTUM_GUEST_RAM_BASE + d->info.mem_size)
        return -EFAULT;
    return 0;
}

/* A request (REQUEST_*) is answered at once by the fake guests, as if they
 * ran Linux, unless SEPTUM_FAKE_DEAF is set: then they ignore it, as a
 * bare-metal guest does. */
static int64_t shutdown(struct fake_domain *d, uint64_t reason)
{
    bool request =
        reason == SEPTUM_SHUTDOWN_REQUEST_POWEROFF || reason == SEPTUM_SHUTDOWN_REQUEST_REBOOT;

    if (reason > SEPTUM_SHUTDOWN_REQUEST_REBOOT)
        return -EINVAL;
    if (request && d->info.state != SEPTUM_STATE_RUNNING)
        return -EBUSY;
    if (d->info.state != SEPTUM_STATE_RUNNING && d->info.state != SEPTUM_STATE_PAUSED)
        return -EBUSY;
    if (request && getenv("SEPTUM_FAKE_DEAF"))
        return 0;
    if (reason == SEPTUM_SHUTDOWN_REBOOT || reason == SEPTUM_SHUTDOWN_REQUEST_REBOOT) {
        d->info.state = SEPTUM_STATE_RUNNING;
        d->info.restarts++;
    } else {
        fake_remove(d);
    }
    return 0;
}

static int64_t console_write(struct fake_domain *d, struct septum_ioctl_hypercall *hc)
{
    const char *in = buffer(hc, 2, 3, SEPTUM_BUF_IN);

    if (!in)
        return -EFAULT;
    /* The guest's terminal echoes what is typed. */
    fake_console_append(d, in, hc->args[3]);
    return (int64_t)hc->args[3];
}

static int64_t ring_read(struct septum_ioctl_hypercall *hc, const char *ring, size_t ring_len,
                         unsigned arg)
{
    void *out = buffer(hc, arg, arg + 1, SEPTUM_BUF_OUT);
    uint64_t pos = hc->args[arg + 2];
    size_t n;

    if (!out)
        return -EFAULT;
    n = fake_ring_read(ring, ring_len, out, hc->args[arg + 1], &pos);
    hc->ret[1] = pos;
    return (int64_t)n;
}

/* Calls that take a domain in x1. */
static int64_t domain_call(uint64_t fn, struct fake_domain *d, struct septum_ioctl_hypercall *hc)
{
    struct septum_domain_info *info;

    switch (fn) {
    case SEPTUM_HC_DOMAIN_LOAD:
        return load(d, hc);
    case SEPTUM_HC_DOMAIN_SET_BOOT:
        if (d->info.state != SEPTUM_STATE_CREATED)
            return -EBUSY;
        d->booted = true;
        return 0;
    case SEPTUM_HC_DOMAIN_START:
        if (!d->booted)
            return -ENOEXEC;
        fake_console_append(d, "Booting\r\n", 9);
        return fake_transition(d, SEPTUM_STATE_CREATED, SEPTUM_STATE_RUNNING);
    case SEPTUM_HC_DOMAIN_PAUSE:
        return fake_transition(d, SEPTUM_STATE_RUNNING, SEPTUM_STATE_PAUSED);
    case SEPTUM_HC_DOMAIN_UNPAUSE:
        return fake_transition(d, SEPTUM_STATE_PAUSED, SEPTUM_STATE_RUNNING);
    case SEPTUM_HC_DOMAIN_SHUTDOWN:
        return shutdown(d, hc->args[2]);
    case SEPTUM_HC_DOMAIN_DESTROY:
        fake_remove(d);
        return 0;
    case SEPTUM_HC_DOMAIN_INFO:
        info = buffer(hc, 2, 3, SEPTUM_BUF_OUT);
        if (!info || hc->args[3] < sizeof(*info))
            return -EFAULT;
        *info = d->info;
        return 0;
    case SEPTUM_HC_VCPU_INFO:
        return vcpu_info(d, hc);
    case SEPTUM_HC_CONSOLE_READ:
        return ring_read(hc, d->console, d->console_len, 2);
    case SEPTUM_HC_CONSOLE_WRITE:
        return console_write(d, hc);
    case SEPTUM_HC_DOMAIN_STATS:
        return stats(d, hc);
    default:
        return SMCCC_NOT_SUPPORTED;
    }
}

/* Whether SEPTUM_FAKE_FAIL's "NAME[:ERRNO]" names call fn. */
static bool failing_call(const char *fail, uint64_t fn)
{
    size_t len = strcspn(fail, ":");

    return strlen(call_name(fn)) == len && strncmp(fail, call_name(fn), len) == 0;
}

static int64_t call(uint64_t fn, struct septum_ioctl_hypercall *hc)
{
    const char *fail = getenv("SEPTUM_FAKE_FAIL");
    struct septum_domain_config *cfg;
    struct fake_domain *d;
    int64_t rc;

    if (fail && failing_call(fail, fn))
        return fail[strcspn(fail, ":")] ? -atoi(fail + strcspn(fail, ":") + 1) : -ENOMEM;
    if (fake_script_fails(call_name(fn)))
        return -EIO;
    switch (fn) {
    case SEPTUM_HC_VERSION:
        return SEPTUM_ABI_VERSION;
    case SEPTUM_HC_FEATURES:
        return is_septum_call(hc->args[1]) ? 0 : SMCCC_NOT_SUPPORTED;
    case SEPTUM_HC_WHOAMI:
        hc->ret[1] = 0;
        return SEPTUM_DOMID_CONTROL;
    case SEPTUM_HC_PHYSINFO:
        if (!buffer(hc, 1, 2, SEPTUM_BUF_OUT) || hc->args[2] < sizeof(struct septum_physinfo))
            return -EFAULT;
        fake_physinfo(buffer(hc, 1, 2, SEPTUM_BUF_OUT));
        return 0;
    case SEPTUM_HC_DOMAIN_CREATE:
        cfg = buffer(hc, 1, 2, SEPTUM_BUF_IN);
        if (!cfg || hc->args[2] != sizeof(*cfg))
            return -EFAULT;
        return fake_create(cfg);
    case SEPTUM_HC_DOMAIN_LIST:
        rc = list(hc);
        fake_script_after_list();
        return rc;
    case SEPTUM_HC_LOG_READ:
        return ring_read(hc, fake_log, strlen(fake_log), 1);
    }
    if (!is_septum_call(fn))
        return SMCCC_NOT_SUPPORTED;
    d = fake_domain(hc->args[1]);
    if (!d)
        return -ESRCH;
    /* As the hypervisor: the control domain does not manage itself. */
    if (d->info.domid == SEPTUM_DOMID_CONTROL && fn >= SEPTUM_HC_DOMAIN_LOAD &&
        fn <= SEPTUM_HC_DOMAIN_DESTROY)
        return -EINVAL;
    return domain_call(fn, d, hc);
}

/* What DOMAIN_CREATE was asked for, which its registers do not show. */
static void trace_config(FILE *f, const struct septum_domain_config *cfg)
{
    fprintf(f, " {name=%.*s mem=%" PRIu64 " pcpus=", SEPTUM_NAME_MAX, cfg->name, cfg->mem_size);
    for (uint32_t i = 0; i < cfg->nr_vcpus && i < SEPTUM_MAX_VCPUS; i++)
        fprintf(f, "%s%u", i ? "," : "", cfg->pcpus[i]);
    fprintf(f, " flags=%#x cmdline=%.*s}", cfg->flags, SEPTUM_CMDLINE_MAX, cfg->cmdline);
}

static void trace(const struct septum_ioctl_hypercall *hc)
{
    const char *path = getenv("SEPTUM_FAKE_TRACE");
    FILE *f = path ? fopen(path, "a") : NULL;
    const struct septum_domain_config *cfg;

    if (!f)
        return;
    fprintf(f, "%s", call_name(hc->fn));
    for (int i = 1; i <= 5; i++)
        fprintf(f, " %#" PRIx64, hc->args[i]);
    cfg = hc->fn == SEPTUM_HC_DOMAIN_CREATE ? buffer(hc, 1, 2, SEPTUM_BUF_IN) : NULL;
    if (cfg)
        trace_config(f, cfg);
    fprintf(f, " -> %" PRId64 "\n", (int64_t)hc->ret[0]);
    fclose(f);
}

static int fake_hypercall(void *ctx, struct septum_ioctl_hypercall *hc)
{
    struct septum_call_layout layout;
    int rc = septum_ioctl_check(hc, &layout); /* the driver's own checks */

    (void)ctx;
    if (rc)
        return rc;
    memset(hc->ret, 0, sizeof(hc->ret));
    /* Time passes before the call, which may be made to fail. */
    if (hc->fn == SEPTUM_HC_PHYSINFO)
        fake_script_tick();
    hc->ret[0] = (uint64_t)call(hc->fn, hc);
    trace(hc);
    return 0;
}

int septum_open(struct septum **h)
{
    static const struct septum_transport t = {fake_hypercall, NULL, NULL};

    fake_machine_init();
    return septum_open_transport(&t, h);
}
