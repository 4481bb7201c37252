/* septum top's samples: what the hypervisor says at one moment, and rates
 * against the moment before. Rates are deltas of the hypervisor's counters
 * over the wall-clock time between the two samples, as dom0 measures it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "top.h"

static uint64_t monotonic_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* A counter that went backwards was reset (the domain restarted): it has
 * counted `now` since. */
static uint64_t delta(uint64_t now, uint64_t before)
{
    return now >= before ? now - before : now;
}

static double rate(uint64_t now, uint64_t before, double interval_s)
{
    return (double)delta(now, before) / interval_s;
}

/* A share of the interval, in %, never above `cap`: the hypervisor's clock
 * and dom0's may disagree by a little, but a vCPU cannot run more than all
 * of the time. */
static double share_pct(uint64_t now_ns, uint64_t before_ns, double interval_s, double cap)
{
    double pct = (double)delta(now_ns, before_ns) / (interval_s * 1e9) * 100.0;

    return pct < cap ? pct : cap;
}

static void forget_rates(struct top_domain *d)
{
    d->cpu_pct = d->exits_rate = d->irqs_rate = RATE_UNKNOWN;
    d->hypercalls_rate = d->console_rate = RATE_UNKNOWN;
    for (size_t i = 0; i < SEPTUM_MAX_VCPUS; i++)
        d->vcpu_load[i] = d->vcpu_exits_rate[i] = RATE_UNKNOWN;
    for (size_t i = 0; i < SEPTUM_EXIT_CAUSES; i++)
        d->exit_cause_rate[i] = RATE_UNKNOWN;
    for (size_t i = 0; i < SEPTUM_MAX_DEVICES; i++) {
        struct top_device *dev = &d->devices[i];

        dev->reads_rate = dev->writes_rate = dev->irqs_rate = RATE_UNKNOWN;
    }
}

static uint64_t vcpu_exits(const struct septum_vcpu_info *v)
{
    uint64_t sum = 0;

    for (size_t i = 0; i < SEPTUM_EXIT_CAUSES; i++)
        sum += v->exits[i];
    return sum;
}

/* Reads one listed domain's vCPUs and statistics. Returns -ESRCH when the
 * domain went away since the list, else 0: other failures are recorded. */
static int read_domain(struct septum *h, struct top_domain *d)
{
    size_t n = 0;
    int rc;

    rc = septum_vcpu_info(h, d->info.domid, d->vcpus, SEPTUM_MAX_VCPUS, &n);
    if (rc == -ESRCH)
        return rc;
    d->vcpus_err = rc < 0 ? rc : 0;
    d->nr_vcpus = rc < 0 ? 0 : (n < SEPTUM_MAX_VCPUS ? n : SEPTUM_MAX_VCPUS);
    for (size_t i = 0; i < d->nr_vcpus; i++)
        d->exits += vcpu_exits(&d->vcpus[i]);

    rc = septum_domain_stats(h, d->info.domid, &d->stats);
    if (rc == -ESRCH)
        return rc;
    d->stats_err = rc < 0 ? rc : 0;
    if (rc < 0)
        memset(&d->stats, 0, sizeof(d->stats));
    d->nr_devices =
        d->stats.nr_devices < SEPTUM_MAX_DEVICES ? d->stats.nr_devices : SEPTUM_MAX_DEVICES;
    for (size_t i = 0; i < d->nr_devices; i++)
        d->devices[i].counters = d->stats.devices[i];
    return 0;
}

const struct top_domain *top_find_domain(const struct top_sample *s, uint32_t domid)
{
    for (size_t i = 0; i < s->nr_domains; i++)
        if (s->domains[i].info.domid == domid)
            return &s->domains[i];
    return NULL;
}

const struct septum_vcpu_info *top_vcpu(const struct top_domain *d, uint32_t vcpu)
{
    for (size_t i = 0; i < d->nr_vcpus; i++)
        if (d->vcpus[i].vcpu == vcpu)
            return &d->vcpus[i];
    return NULL;
}

/* The same device in the previous sample: devices are identified by name
 * and address, so that a changed device list never mixes counters. */
static const struct top_device *find_device(const struct top_domain *d,
                                            const struct septum_device_stats *c)
{
    for (size_t i = 0; i < d->nr_devices; i++) {
        const struct septum_device_stats *o = &d->devices[i].counters;

        if (o->base == c->base && strncmp(o->name, c->name, sizeof(o->name)) == 0)
            return &d->devices[i];
    }
    return NULL;
}

static void push_history(struct top_device *dev, const struct top_device *before, double value)
{
    unsigned kept = before ? before->history_len : 0;

    if (kept == TOP_HISTORY)
        kept--; /* the oldest falls off */
    if (before)
        memcpy(dev->history, before->history + (before->history_len - kept),
               kept * sizeof(dev->history[0]));
    dev->history[kept] = value;
    dev->history_len = kept + 1;
}

static void device_rates(struct top_domain *d, const struct top_domain *before, double interval_s)
{
    for (size_t i = 0; i < d->nr_devices; i++) {
        struct top_device *dev = &d->devices[i];
        const struct top_device *old = before ? find_device(before, &dev->counters) : NULL;
        double activity = RATE_UNKNOWN;

        if (old) {
            dev->reads_rate = rate(dev->counters.reads, old->counters.reads, interval_s);
            dev->writes_rate = rate(dev->counters.writes, old->counters.writes, interval_s);
            dev->irqs_rate = rate(dev->counters.irqs, old->counters.irqs, interval_s);
            activity = dev->reads_rate + dev->writes_rate + dev->irqs_rate;
        }
        push_history(dev, old, activity);
    }
}

/* Rates of d against the same domain in the previous sample. Domain ids
 * are never reused, but a domain seen with another creation time is
 * another domain all the same. */
static void domain_rates(struct top_domain *d, const struct top_domain *before, double interval_s)
{
    bool stats_known;

    forget_rates(d);
    if (before && before->info.created_ns != d->info.created_ns)
        before = NULL;
    stats_known = before && !d->stats_err && !before->stats_err;
    device_rates(d, stats_known ? before : NULL, interval_s);
    if (!before)
        return;
    d->cpu_pct = share_pct(d->info.cpu_time_ns, before->info.cpu_time_ns, interval_s,
                           100.0 * (d->info.nr_vcpus ? d->info.nr_vcpus : 1));
    if (stats_known) {
        d->irqs_rate = rate(d->stats.irqs_injected, before->stats.irqs_injected, interval_s);
        d->hypercalls_rate = rate(d->stats.hypercalls, before->stats.hypercalls, interval_s);
        d->console_rate = rate(d->stats.console_bytes, before->stats.console_bytes, interval_s);
    }
    if (d->vcpus_err || before->vcpus_err)
        return;
    d->exits_rate = rate(d->exits, before->exits, interval_s);
    for (size_t i = 0; i < d->nr_vcpus; i++) {
        const struct septum_vcpu_info *now = &d->vcpus[i];
        const struct septum_vcpu_info *old = top_vcpu(before, now->vcpu);

        if (!old)
            continue;
        d->vcpu_load[i] = share_pct(now->time_ns, old->time_ns, interval_s, 100.0);
        d->vcpu_exits_rate[i] = rate(vcpu_exits(now), vcpu_exits(old), interval_s);
    }
    for (size_t c = 0; c < SEPTUM_EXIT_CAUSES; c++) {
        uint64_t now = 0, old = 0;

        for (size_t i = 0; i < d->nr_vcpus; i++)
            now += d->vcpus[i].exits[c];
        for (size_t i = 0; i < before->nr_vcpus; i++)
            old += before->vcpus[i].exits[c];
        d->exit_cause_rate[c] = rate(now, old, interval_s);
    }
}

int top_sample_take(struct septum *h, const struct top_sample *prev, struct top_sample *s)
{
    struct septum_domain_info *list = NULL;
    size_t n = 0;
    int rc;

    memset(s, 0, sizeof(*s));
    s->number = prev ? prev->number + 1 : 1;
    s->taken_ns = monotonic_ns();
    /* Two samples in the same nanosecond cannot give a rate. */
    s->interval_s =
        prev && s->taken_ns > prev->taken_ns ? (double)(s->taken_ns - prev->taken_ns) / 1e9 : 0.0;
    s->phys_err = septum_physinfo(h, &s->phys);

    rc = septum_domain_list_all(h, &list, &n);
    if (rc == -ENOMEM)
        return rc;
    s->list_err = rc < 0 ? rc : 0;
    if (rc < 0)
        return 0;
    s->domains = calloc(n ? n : 1, sizeof(*s->domains));
    if (!s->domains) {
        free(list);
        return -ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        struct top_domain *d = &s->domains[s->nr_domains];
        const struct top_domain *before;

        d->info = list[i];
        if (read_domain(h, d) == -ESRCH) {
            memset(d, 0, sizeof(*d)); /* gone since the list */
            continue;
        }
        before = prev && s->interval_s > 0 ? top_find_domain(prev, d->info.domid) : NULL;
        domain_rates(d, before, s->interval_s);
        s->nr_domains++;
    }
    free(list);
    return 0;
}

void top_sample_free(struct top_sample *s)
{
    free(s->domains);
    s->domains = NULL;
    s->nr_domains = 0;
}

uint32_t top_pcpu_count(const struct top_sample *s)
{
    if (s->phys_err)
        return 0;
    return s->phys.nr_pcpus < SEPTUM_MAX_PCPUS ? s->phys.nr_pcpus : SEPTUM_MAX_PCPUS;
}

void top_count_states(const struct top_sample *s, unsigned counts[SEPTUM_STATE_CRASHED + 1])
{
    memset(counts, 0, sizeof(unsigned) * (SEPTUM_STATE_CRASHED + 1));
    for (size_t i = 0; i < s->nr_domains; i++)
        if (s->domains[i].info.state <= SEPTUM_STATE_CRASHED)
            counts[s->domains[i].info.state]++;
}

/* The problems, in a fixed order: host, list, then each domain's vCPUs and
 * statistics. */
size_t top_problems(const struct top_sample *s, size_t index, char *buf, size_t size)
{
    size_t count = 0;

#define PROBLEM(...)                                                                               \
    do {                                                                                           \
        if (count++ == index)                                                                      \
            snprintf(buf, size, __VA_ARGS__);                                                      \
    } while (0)

    if (s->phys_err)
        PROBLEM("host and pCPU placement unknown: %s", septum_strerror(s->phys_err));
    if (s->list_err)
        PROBLEM("domains unknown: %s", septum_strerror(s->list_err));
    for (size_t i = 0; i < s->nr_domains; i++) {
        const struct top_domain *d = &s->domains[i];
        char name[SEPTUM_NAME_MAX];

        top_printable(d->info.name, sizeof(d->info.name), name, sizeof(name));
        if (d->vcpus_err)
            PROBLEM("d%u (%s): vCPUs unknown: %s", d->info.domid, name,
                    septum_strerror(d->vcpus_err));
        if (d->stats_err)
            PROBLEM("d%u (%s): statistics unknown: %s", d->info.domid, name,
                    septum_strerror(d->stats_err));
    }
#undef PROBLEM
    return count;
}
