/* septum top's other screens: one domain's details (its vCPUs, exits by
 * cause, devices with their counters) and the list of keys. */
#include <curses.h>
#include <stdio.h>

#include "top.h"

#define MIB (1ull << 20)
/* Device rows: device, base, size, three counters and three rates, then
 * the sparkline where there is room. */
#define DETAIL_ROW "%-12.12s %-10.10s %5s %8s %8s %8s %7s %8s %6s "
#define DETAIL_FIXED_WIDTH 81

static void draw_vcpus(const struct top_domain *d, int *y)
{
    char load[12], exits[12];

    top_bar((*y)++, "vCPU pCPU State      Load  Time(s)  Exits/s");
    if (d->vcpus_err) {
        top_putf((*y)++, 1, COLS, "unknown: %s", septum_strerror(d->vcpus_err));
        return;
    }
    for (size_t i = 0; i < d->nr_vcpus && *y < LINES - 1; i++) {
        const struct septum_vcpu_info *c = &d->vcpus[i];

        if (rate_known(d->vcpu_load[i]))
            snprintf(load, sizeof(load), "%.0f%%", d->vcpu_load[i]);
        else
            snprintf(load, sizeof(load), "-");
        top_format_rate(d->vcpu_exits_rate[i], exits, sizeof(exits));
        top_putf((*y)++, 0, COLS, "%4u %4u %-8s %6s %8.1f %8s", c->vcpu, c->pcpu,
                 top_pcpu_state(d, c), load, (double)c->time_ns / 1e9, exits);
    }
    if (*y < LINES - 1) {
        char line[TOP_LINE_MAX], r[12];
        size_t len = (size_t)snprintf(line, sizeof(line), "Exits/s by cause:");

        for (uint32_t e = 0; e < SEPTUM_EXIT_CAUSES && len < sizeof(line); e++) {
            top_format_rate(d->exit_cause_rate[e], r, sizeof(r));
            len +=
                (size_t)snprintf(line + len, sizeof(line) - len, " %s %s", septum_exit_name(e), r);
        }
        top_put((*y)++, 0, COLS, line);
    }
}

static void size_text(uint64_t bytes, char *buf, size_t size)
{
    if (bytes >= MIB && bytes % MIB == 0)
        snprintf(buf, size, "%lluM", (unsigned long long)(bytes / MIB));
    else if (bytes >= 1024 && bytes % 1024 == 0)
        snprintf(buf, size, "%lluK", (unsigned long long)(bytes / 1024));
    else
        snprintf(buf, size, "%llu", (unsigned long long)bytes);
}

static void draw_detail_devices(const struct top_view *v, const struct top_domain *d, int *y)
{
    int spark = COLS - DETAIL_FIXED_WIDTH;
    char heading[TOP_LINE_MAX];

    snprintf(heading, sizeof(heading), DETAIL_ROW "%s", "Device", "Base", "Size", "Reads", "Writes",
             "IRQs", "Reads/s", "Writes/s", "IRQs/s", "Activity");
    top_bar((*y)++, heading);
    if (d->stats_err) {
        top_putf((*y)++, 1, COLS, "unknown: %s", septum_strerror(d->stats_err));
        return;
    }
    if (!d->nr_devices)
        top_put((*y)++, 1, COLS, "no devices");
    for (size_t k = 0; k < d->nr_devices && *y < LINES - 1; k++, (*y)++) {
        const struct top_device *dev = &d->devices[k];
        char name[sizeof(dev->counters.name) + 1], base[24], size[24], r[12], w[12], i[12];
        char reads[24], writes[24], irqs[24];

        top_printable(dev->counters.name, sizeof(dev->counters.name), name, sizeof(name));
        size_text(dev->counters.size, size, sizeof(size));
        top_format_rate(dev->reads_rate, r, sizeof(r));
        top_format_rate(dev->writes_rate, w, sizeof(w));
        top_format_rate(dev->irqs_rate, i, sizeof(i));
        snprintf(base, sizeof(base), "0x%08llx", (unsigned long long)dev->counters.base);
        snprintf(reads, sizeof(reads), "%llu", (unsigned long long)dev->counters.reads);
        snprintf(writes, sizeof(writes), "%llu", (unsigned long long)dev->counters.writes);
        snprintf(irqs, sizeof(irqs), "%llu", (unsigned long long)dev->counters.irqs);
        top_putf(*y, 0, COLS, DETAIL_ROW, name, base, size, reads, writes, irqs, r, w, i);
        if (spark > 0)
            top_sparkline(v, dev, *y, DETAIL_FIXED_WIDTH,
                          spark < TOP_HISTORY ? spark : TOP_HISTORY);
    }
}

void top_draw_details(struct top_view *v, const struct top_sample *s)
{
    const struct top_domain *d = top_selected(v, s);
    char name[SEPTUM_NAME_MAX], up[32], cpu[12], hc[12], irq[12], con[12], line[TOP_LINE_MAX];
    int y = 0;

    if (!d) {
        top_bar(0, "No domain selected");
        top_draw_status(v, LINES - 1);
        return;
    }
    top_domain_name(d, name, sizeof(name));
    top_format_uptime(
        s->phys.uptime_ns > d->info.created_ns ? s->phys.uptime_ns - d->info.created_ns : 0, up,
        sizeof(up));
    snprintf(line, sizeof(line), "d%u (%s): %s, %u vCPU%s, %llu MiB, up %s, %u restart%s",
             d->info.domid, name, septum_state_name(d->info.state), d->info.nr_vcpus,
             d->info.nr_vcpus == 1 ? "" : "s", (unsigned long long)(d->info.mem_size / MIB), up,
             d->info.restarts, d->info.restarts == 1 ? "" : "s");
    top_bar(y++, line);
    if (d->info.crash_reason[0]) {
        top_printable(d->info.crash_reason, sizeof(d->info.crash_reason), line, sizeof(line));
        top_putf(y++, 0, COLS, "Crashed: %s", line);
    }
    top_column_cell(d, COL_CPU_PCT, cpu, sizeof(cpu));
    top_putf(y++, 0, COLS, "CPU %.1f s (%s%%)%s", (double)d->info.cpu_time_ns / 1e9, cpu,
             top_native_wfi(d) ? ", WFI native: idle time counts" : "");
    if (d->stats_err) {
        top_putf(y++, 0, COLS, "Hypercalls, IRQs, console: unknown: %s",
                 septum_strerror(d->stats_err));
    } else {
        top_column_cell(d, COL_HYPERCALLS, hc, sizeof(hc));
        top_column_cell(d, COL_IRQS, irq, sizeof(irq));
        top_column_cell(d, COL_CONSOLE, con, sizeof(con));
        top_putf(y++, 0, COLS,
                 "Hypercalls %llu (%s/s)  IRQs injected %llu (%s/s)  console %llu B (%s/s)",
                 (unsigned long long)d->stats.hypercalls, hc,
                 (unsigned long long)d->stats.irqs_injected, irq,
                 (unsigned long long)d->stats.console_bytes, con);
    }
    y++;
    draw_vcpus(d, &y);
    y++;
    if (y < LINES - 2)
        draw_detail_devices(v, d, &y);
    top_draw_status(v, LINES - 1);
}

void top_draw_help(void)
{
    static const char *const lines[] = {
        "septum top - keys",
        "",
        "  Up/Down PgUp/PgDn     select a domain (Home/End: first/last)",
        "  Enter                 the selected domain's details; again: back",
        "  Esc                   back to the main screen",
        "  s/S, Right/Left       sort by the next/previous column",
        "  r                     reverse the order",
        "  a                     devices of all domains, or the selected one's",
        "  p                     pause/unpause the selected domain (asks first)",
        "  d                     refresh delay, in seconds",
        "  Space                 refresh now",
        "  Ctrl-L                repaint (a serial terminal is asked its size)",
        "  h, ?                  this help",
        "  q                     quit",
        "",
        "Rates are per second, over the measured time between refreshes: '-'",
        "until two refreshes saw a domain, '?' when the hypervisor did not say.",
        "CPU% is the share of time a vCPU ran: one waiting in WFI gives its",
        "pCPU back to the hypervisor, which sleeps. '*': the domain runs WFI",
        "natively (lowest latency), so its idle time counts as running.",
        "",
        "Press any key to return.",
    };

    top_bar(0, lines[0]);
    for (size_t i = 1; i < sizeof(lines) / sizeof(lines[0]) && (int)i < LINES; i++)
        top_put((int)i, 0, COLS, lines[i]);
}
