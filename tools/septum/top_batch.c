/* septum top for scripts: each sample as text (after xentop -b), or as
 * rows of one CSV table. Unknown rates print as "-" (text) or an empty
 * field (CSV); what could not be read is said after the text, and on
 * stderr with CSV. */
#include <stdio.h>
#include <string.h>

#include "top.h"

#define MIB (1ull << 20)
#define NAME_WIDTH 16 /* longer names push the row rather than lose letters */

/* A rate as text: "-" until known, "?" when the call behind it failed. */
static const char *text_rate(double rate, int err, char *buf, size_t size)
{
    if (err)
        snprintf(buf, size, "?");
    else if (!rate_known(rate))
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%.1f", rate);
    return buf;
}

static void text_host(FILE *f, const struct top_sample *s)
{
    unsigned counts[SEPTUM_STATE_CRASHED + 1];
    uint32_t n = top_pcpu_count(s), free_pcpus = 0;

    fprintf(f, "septum top: sample %u, interval %.2f s\n", s->number, s->interval_s);
    if (s->phys_err) {
        fprintf(f, "host: unknown (%s)\n", septum_strerror(s->phys_err));
    } else {
        for (uint32_t i = 0; i < n; i++)
            free_pcpus += s->phys.pcpu_owner[i] == SEPTUM_PCPU_FREE;
        fprintf(f,
                "host: ABI %u.%u, up %.1f s, %u pCPUs (%u free), memory %llu MiB (%llu MiB free, "
                "largest %llu MiB)\n",
                s->phys.abi_version >> 16, s->phys.abi_version & 0xffff,
                (double)s->phys.uptime_ns / 1e9, s->phys.nr_pcpus, free_pcpus,
                (unsigned long long)(s->phys.mem_total / MIB),
                (unsigned long long)(s->phys.mem_free / MIB),
                (unsigned long long)(s->phys.mem_largest_free / MIB));
    }
    if (s->list_err) {
        fprintf(f, "domains: unknown (%s)\n", septum_strerror(s->list_err));
        return;
    }
    top_count_states(s, counts);
    fprintf(f, "domains: %zu", s->nr_domains);
    for (uint32_t st = 0, listed = 0; st <= SEPTUM_STATE_CRASHED; st++)
        if (counts[st])
            fprintf(f, "%s%s %u", listed++ ? ", " : " (", septum_state_name(st), counts[st]);
    fprintf(f, "%s\n", s->nr_domains ? ")" : "");
}

static void text_domains(FILE *f, const struct top_sample *s)
{
    fprintf(f, "\n%4s %-*s %-13s %5s %8s %9s %6s %9s %9s %9s %9s\n", "ID", NAME_WIDTH, "NAME",
            "STATE", "VCPUS", "MEM(MiB)", "CPU(s)", "CPU(%)", "EXITS/s", "IRQS/s", "HCALLS/s",
            "CONS(B/s)");
    for (size_t i = 0; i < s->nr_domains; i++) {
        const struct top_domain *d = &s->domains[i];
        char name[SEPTUM_NAME_MAX], cpu[16], ex[16], irq[16], hc[16], con[16];

        top_domain_name(d, name, sizeof(name));
        text_rate(d->cpu_pct, 0, cpu, sizeof(cpu));
        if (top_native_wfi(d))
            strncat(cpu, "*", sizeof(cpu) - strlen(cpu) - 1); /* as on the screen */
        fprintf(f, "%4u %-*s %-13s %5u %8llu %9.1f %6s %9s %9s %9s %9s\n", d->info.domid,
                NAME_WIDTH, name, septum_state_name(d->info.state), d->info.nr_vcpus,
                (unsigned long long)(d->info.mem_size / MIB), (double)d->info.cpu_time_ns / 1e9,
                cpu, text_rate(d->exits_rate, d->vcpus_err, ex, sizeof(ex)),
                text_rate(d->irqs_rate, d->stats_err, irq, sizeof(irq)),
                text_rate(d->hypercalls_rate, d->stats_err, hc, sizeof(hc)),
                text_rate(d->console_rate, d->stats_err, con, sizeof(con)));
    }
}

/* The owner of a pCPU as the sample knows it: NULL (with *vcpu_index
 * unset) when the pCPU is free or its domain is not in the list. */
static const struct top_domain *pcpu_owner(const struct top_sample *s, uint32_t pcpu,
                                           size_t *vcpu_index)
{
    const struct top_domain *d = top_find_domain(s, s->phys.pcpu_owner[pcpu]);

    *vcpu_index = SEPTUM_MAX_VCPUS;
    for (size_t i = 0; d && i < d->nr_vcpus; i++)
        if (d->vcpus[i].vcpu == s->phys.pcpu_vcpu[pcpu])
            *vcpu_index = i;
    return d;
}

static void text_pcpus(FILE *f, const struct top_sample *s)
{
    uint32_t n = top_pcpu_count(s);

    fprintf(f, "\n%4s %4s %-*s %4s %-13s %7s %9s\n", "PCPU", "ID", NAME_WIDTH, "NAME", "VCPU",
            "STATE", "LOAD(%)", "EXITS/s");
    for (uint32_t p = 0; p < n; p++) {
        uint32_t owner = s->phys.pcpu_owner[p];
        size_t vi;
        const struct top_domain *d = pcpu_owner(s, p, &vi);
        const struct septum_vcpu_info *v = vi < SEPTUM_MAX_VCPUS ? &d->vcpus[vi] : NULL;
        char name[SEPTUM_NAME_MAX] = "?", load[16], ex[16];

        if (owner == SEPTUM_PCPU_FREE) {
            fprintf(f, "%4u %4s %-*s %4s %-13s %7s %9s\n", p, "-", NAME_WIDTH, "(free)", "-",
                    "free", "-", "-");
            continue;
        }
        if (d)
            top_domain_name(d, name, sizeof(name));
        fprintf(f, "%4u %4u %-*s %4u %-13s %7s %9s\n", p, owner, NAME_WIDTH, name,
                s->phys.pcpu_vcpu[p], d ? top_pcpu_state(d, v) : "?",
                text_rate(v ? d->vcpu_load[vi] : RATE_UNKNOWN, d ? d->vcpus_err : 0, load,
                          sizeof(load)),
                text_rate(v ? d->vcpu_exits_rate[vi] : RATE_UNKNOWN, d ? d->vcpus_err : 0, ex,
                          sizeof(ex)));
    }
}

static void text_devices(FILE *f, const struct top_sample *s)
{
    fprintf(f, "\n%4s %-*s %-12s %-10s %9s %9s %9s %9s %9s %9s\n", "ID", NAME_WIDTH, "NAME",
            "DEVICE", "BASE", "READS", "WRITES", "IRQS", "READS/s", "WRITES/s", "IRQS/s");
    for (size_t i = 0; i < s->nr_domains; i++) {
        const struct top_domain *d = &s->domains[i];
        char name[SEPTUM_NAME_MAX];

        top_domain_name(d, name, sizeof(name));
        for (size_t k = 0; k < d->nr_devices; k++) {
            const struct top_device *dev = &d->devices[k];
            char device[sizeof(dev->counters.name) + 1], r[16], w[16], q[16];

            top_printable(dev->counters.name, sizeof(dev->counters.name), device, sizeof(device));
            fprintf(
                f, "%4u %-*s %-12s 0x%08llx %9llu %9llu %9llu %9s %9s %9s\n", d->info.domid,
                NAME_WIDTH, name, device, (unsigned long long)dev->counters.base,
                (unsigned long long)dev->counters.reads, (unsigned long long)dev->counters.writes,
                (unsigned long long)dev->counters.irqs, text_rate(dev->reads_rate, 0, r, sizeof(r)),
                text_rate(dev->writes_rate, 0, w, sizeof(w)),
                text_rate(dev->irqs_rate, 0, q, sizeof(q)));
        }
    }
}

void top_batch_text(FILE *f, const struct top_sample *s)
{
    char problem[256];
    size_t problems = top_problems(s, 0, problem, sizeof(problem));

    text_host(f, s);
    if (!s->list_err)
        text_domains(f, s);
    if (!s->phys_err)
        text_pcpus(f, s);
    if (!s->list_err)
        text_devices(f, s);
    if (problems)
        fprintf(f, "\nproblems:\n");
    for (size_t i = 0; i < problems; i++) {
        top_problems(s, i, problem, sizeof(problem));
        fprintf(f, "  %s\n", problem);
    }
    fprintf(f, "\n");
}

/* A text field, quoted when it holds a comma or a quote (RFC 4180). */
static void csv_text(FILE *f, const char *text)
{
    if (!strpbrk(text, ",\"")) {
        fputs(text, f);
        return;
    }
    fputc('"', f);
    for (; *text; text++) {
        if (*text == '"')
            fputc('"', f);
        fputc(*text, f);
    }
    fputc('"', f);
}

/* ",rate", empty when not known. */
static void csv_rate(FILE *f, double rate, int err)
{
    if (err || !rate_known(rate))
        fputc(',', f);
    else
        fprintf(f, ",%.2f", rate);
}

static void csv_counter(FILE *f, uint64_t value, int err)
{
    if (err)
        fputc(',', f);
    else
        fprintf(f, ",%llu", (unsigned long long)value);
}

/* Every row starts with when it was taken. */
static void csv_row_start(FILE *f, const struct top_sample *s)
{
    fprintf(f, "%u,", s->number);
    if (!s->phys_err)
        fprintf(f, "%.3f", (double)s->phys.uptime_ns / 1e9);
    fprintf(f, ",%.3f", s->interval_s);
}

static void csv_domains(FILE *f, const struct top_sample *s)
{
    if (s->number == 1)
        fprintf(f, "sample,uptime_s,interval_s,id,name,state,vcpus,mem_bytes,cpu_time_ns,cpu_pct,"
                   "exits,exits_per_s,irqs,irqs_per_s,hypercalls,hypercalls_per_s,console_bytes,"
                   "console_bytes_per_s\n");
    for (size_t i = 0; i < s->nr_domains; i++) {
        const struct top_domain *d = &s->domains[i];
        char name[SEPTUM_NAME_MAX];

        top_domain_name(d, name, sizeof(name));
        csv_row_start(f, s);
        fprintf(f, ",%u,", d->info.domid);
        csv_text(f, name);
        fprintf(f, ",%s,%u,%llu,%llu", septum_state_name(d->info.state), d->info.nr_vcpus,
                (unsigned long long)d->info.mem_size, (unsigned long long)d->info.cpu_time_ns);
        csv_rate(f, d->cpu_pct, 0);
        csv_counter(f, d->exits, d->vcpus_err);
        csv_rate(f, d->exits_rate, d->vcpus_err);
        csv_counter(f, d->stats.irqs_injected, d->stats_err);
        csv_rate(f, d->irqs_rate, d->stats_err);
        csv_counter(f, d->stats.hypercalls, d->stats_err);
        csv_rate(f, d->hypercalls_rate, d->stats_err);
        csv_counter(f, d->stats.console_bytes, d->stats_err);
        csv_rate(f, d->console_rate, d->stats_err);
        fputc('\n', f);
    }
}

static void csv_pcpus(FILE *f, const struct top_sample *s)
{
    uint32_t n = top_pcpu_count(s);

    if (s->number == 1)
        fprintf(f, "sample,uptime_s,interval_s,pcpu,id,name,vcpu,state,load_pct,exits_per_s\n");
    for (uint32_t p = 0; p < n; p++) {
        size_t vi;
        const struct top_domain *d = pcpu_owner(s, p, &vi);
        const struct septum_vcpu_info *v = vi < SEPTUM_MAX_VCPUS ? &d->vcpus[vi] : NULL;
        char name[SEPTUM_NAME_MAX];

        csv_row_start(f, s);
        if (s->phys.pcpu_owner[p] == SEPTUM_PCPU_FREE) {
            fprintf(f, ",%u,,,,free,,\n", p);
            continue;
        }
        fprintf(f, ",%u,%u,", p, s->phys.pcpu_owner[p]);
        if (d) {
            top_domain_name(d, name, sizeof(name));
            csv_text(f, name);
        }
        fprintf(f, ",%u,%s", s->phys.pcpu_vcpu[p], d ? top_pcpu_state(d, v) : "");
        csv_rate(f, v ? d->vcpu_load[vi] : RATE_UNKNOWN, 0);
        csv_rate(f, v ? d->vcpu_exits_rate[vi] : RATE_UNKNOWN, 0);
        fputc('\n', f);
    }
}

static void csv_devices(FILE *f, const struct top_sample *s)
{
    if (s->number == 1)
        fprintf(f, "sample,uptime_s,interval_s,id,name,device,base,size,reads,writes,irqs,"
                   "reads_per_s,writes_per_s,irqs_per_s\n");
    for (size_t i = 0; i < s->nr_domains; i++) {
        const struct top_domain *d = &s->domains[i];
        char name[SEPTUM_NAME_MAX];

        top_domain_name(d, name, sizeof(name));
        for (size_t k = 0; k < d->nr_devices; k++) {
            const struct top_device *dev = &d->devices[k];
            char device[sizeof(dev->counters.name) + 1];

            top_printable(dev->counters.name, sizeof(dev->counters.name), device, sizeof(device));
            csv_row_start(f, s);
            fprintf(f, ",%u,", d->info.domid);
            csv_text(f, name);
            fputc(',', f);
            csv_text(f, device);
            fprintf(f, ",0x%llx,%llu,%llu,%llu,%llu", (unsigned long long)dev->counters.base,
                    (unsigned long long)dev->counters.size, (unsigned long long)dev->counters.reads,
                    (unsigned long long)dev->counters.writes,
                    (unsigned long long)dev->counters.irqs);
            csv_rate(f, dev->reads_rate, 0);
            csv_rate(f, dev->writes_rate, 0);
            csv_rate(f, dev->irqs_rate, 0);
            fputc('\n', f);
        }
    }
}

void top_batch_csv(FILE *f, const struct top_sample *s, enum top_csv_table table)
{
    char problem[256];
    size_t problems = top_problems(s, 0, problem, sizeof(problem));

    if (table == CSV_DOMAINS)
        csv_domains(f, s);
    else if (table == CSV_PCPUS)
        csv_pcpus(f, s);
    else if (table == CSV_DEVICES)
        csv_devices(f, s);
    fflush(f);
    for (size_t i = 0; i < problems; i++) {
        top_problems(s, i, problem, sizeof(problem));
        fprintf(stderr, "septum: top: sample %u: %s\n", s->number, problem);
    }
}
