/* The domain table's columns: headings, widths, cell text, and the order
 * each one sorts in; and the short number forms the screen uses. */
#include <stdio.h>
#include <string.h>

#include "top.h"

#define MIB (1ull << 20)

struct column {
    const char *heading;
    int width;
    bool numeric;    /* right-aligned */
    bool descending; /* sorts from the largest: the busiest domains first */
};

static const struct column columns[NR_COLUMNS] = {
    [COL_ID] = {"ID", 3, true, false},         [COL_NAME] = {"Name", 8, false, false},
    [COL_STATE] = {"State", 8, false, false},  [COL_VCPUS] = {"vCPU", 4, true, true},
    [COL_MEM] = {"Mem(M)", 6, true, true},     [COL_CPU_TIME] = {"CPU(s)", 7, true, true},
    [COL_CPU_PCT] = {"CPU%", 5, true, true},   [COL_EXITS] = {"Exit/s", 6, true, true},
    [COL_IRQS] = {"IRQ/s", 6, true, true},     [COL_HYPERCALLS] = {"HCall/s", 7, true, true},
    [COL_CONSOLE] = {"ConB/s", 6, true, true},
};

const char *top_column_heading(enum top_column c)
{
    return columns[c].heading;
}

int top_column_width(enum top_column c)
{
    return columns[c].width;
}

bool top_column_numeric(enum top_column c)
{
    return columns[c].numeric;
}

void top_format_rate(double rate, char *buf, size_t size)
{
    if (!rate_known(rate))
        snprintf(buf, size, "-");
    else if (rate < 100)
        snprintf(buf, size, "%.1f", rate);
    else if (rate < 1e4)
        snprintf(buf, size, "%.0f", rate);
    else if (rate < 1e6)
        snprintf(buf, size, "%.*fk", rate < 1e5 ? 1 : 0, rate / 1e3);
    else
        snprintf(buf, size, "%.*fM", rate < 1e8 ? 1 : 0, rate / 1e6);
}

void top_format_uptime(uint64_t ns, char *buf, size_t size)
{
    uint64_t s = ns / 1000000000ull;
    unsigned days = (unsigned)(s / 86400);

    if (days)
        snprintf(buf, size, "%ud %02u:%02u:%02u", days, (unsigned)(s / 3600 % 24),
                 (unsigned)(s / 60 % 60), (unsigned)(s % 60));
    else
        snprintf(buf, size, "%02u:%02u:%02u", (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
                 (unsigned)(s % 60));
}

void top_printable(const char *src, size_t max, char *dst, size_t size)
{
    size_t i = 0;

    for (; i < max && i + 1 < size && src[i]; i++)
        dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? src[i] : '?';
    dst[i] = 0;
}

void top_domain_name(const struct top_domain *d, char *buf, size_t size)
{
    top_printable(d->info.name, sizeof(d->info.name), buf, size);
}

void top_fit_name(char *name, int width)
{
    if (width > 0 && strlen(name) > (size_t)width) {
        name[width - 1] = TOP_NAME_CUT;
        name[width] = 0;
    }
}

/* The table's state column is 8 wide: "shutting-down" says too much. */
static const char *short_state(uint32_t state)
{
    return state == SEPTUM_STATE_SHUTTING_DOWN ? "stopping" : septum_state_name(state);
}

const char *top_pcpu_state(const struct top_domain *d, const struct septum_vcpu_info *v)
{
    if (d->info.state != SEPTUM_STATE_RUNNING)
        return short_state(d->info.state);
    return v ? septum_vcpu_power_name(v->power) : "?";
}

/* A rate that the failure of the call behind it made unknowable. */
static void rate_cell(double rate, int err, char *buf, size_t size)
{
    if (err)
        snprintf(buf, size, "?");
    else
        top_format_rate(rate, buf, size);
}

bool top_native_wfi(const struct top_domain *d)
{
    return !d->stats_err && (d->stats.flags & SEPTUM_DOMAIN_NATIVE_WFI);
}

void top_column_cell(const struct top_domain *d, enum top_column c, char *buf, size_t size)
{
    double cpu_s = (double)d->info.cpu_time_ns / 1e9;

    switch (c) {
    case COL_ID:
        snprintf(buf, size, "%u", d->info.domid);
        break;
    case COL_NAME:
        top_domain_name(d, buf, size);
        break;
    case COL_STATE:
        snprintf(buf, size, "%s", short_state(d->info.state));
        break;
    case COL_VCPUS:
        snprintf(buf, size, "%u", d->info.nr_vcpus);
        break;
    case COL_MEM:
        snprintf(buf, size, "%llu", (unsigned long long)(d->info.mem_size / MIB));
        break;
    case COL_CPU_TIME:
        snprintf(buf, size, "%.*f", cpu_s < 1e5 ? 1 : 0, cpu_s);
        break;
    case COL_CPU_PCT:
        if (rate_known(d->cpu_pct))
            snprintf(buf, size, "%.*f%s", d->cpu_pct < 100 ? 1 : 0, d->cpu_pct,
                     top_native_wfi(d) ? "*" : "");
        else
            snprintf(buf, size, "-");
        break;
    case COL_EXITS:
        rate_cell(d->exits_rate, d->vcpus_err, buf, size);
        break;
    case COL_IRQS:
        rate_cell(d->irqs_rate, d->stats_err, buf, size);
        break;
    case COL_HYPERCALLS:
        rate_cell(d->hypercalls_rate, d->stats_err, buf, size);
        break;
    case COL_CONSOLE:
        rate_cell(d->console_rate, d->stats_err, buf, size);
        break;
    case NR_COLUMNS:
        buf[0] = 0;
        break;
    }
}

static double number(const struct top_domain *d, enum top_column c)
{
    switch (c) {
    case COL_ID:
        return d->info.domid;
    case COL_STATE:
        return d->info.state;
    case COL_VCPUS:
        return d->info.nr_vcpus;
    case COL_MEM:
        return (double)d->info.mem_size;
    case COL_CPU_TIME:
        return (double)d->info.cpu_time_ns;
    case COL_CPU_PCT:
        return d->cpu_pct;
    case COL_EXITS:
        return d->exits_rate;
    case COL_IRQS:
        return d->irqs_rate;
    case COL_HYPERCALLS:
        return d->hypercalls_rate;
    case COL_CONSOLE:
        return d->console_rate;
    default:
        return 0;
    }
}

/* < 0 when a comes first. Unknown rates are below every known one, so
 * they end up last in the busiest-first order. */
static int compare(const struct top_domain *a, const struct top_domain *b, enum top_column c,
                   bool reversed)
{
    int order;

    if (c == COL_NAME) {
        order = strncmp(a->info.name, b->info.name, SEPTUM_NAME_MAX);
    } else {
        double x = number(a, c), y = number(b, c);

        order = (x > y) - (x < y);
    }
    if (columns[c].descending)
        order = -order;
    if (reversed)
        order = -order;
    if (order == 0)
        order = (a->info.domid > b->info.domid) - (a->info.domid < b->info.domid);
    return order;
}

void top_sort(struct top_sample *s, enum top_column c, bool reversed)
{
    /* Insertion sort: a few domains, and no context for qsort(). */
    for (size_t i = 1; i < s->nr_domains; i++) {
        struct top_domain d = s->domains[i];
        size_t j = i;

        for (; j > 0 && compare(&d, &s->domains[j - 1], c, reversed) < 0; j--)
            s->domains[j] = s->domains[j - 1];
        s->domains[j] = d;
    }
}
