/* septum top's screens, drawn with curses: no colour, only reverse and
 * bold, which a vt100 on a serial line has; block characters only when the
 * locale says UTF-8. What does not fit is left out and said so.
 *
 * Main screen, from the top: the host (2 rows), the pCPU placement map, the
 * domain table, the device panel, a note row (problems, hidden parts) and
 * the status row (key hints, a prompt, or the last action's outcome). */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "top.h"

#define MIN_COLS 40
#define MIN_ROWS 8
#define LINE_MAX_CHARS 512
#define MIB (1ull << 20)

/* pCPU map cell: " 0 Domain-0   v0 on        12% [#     ]" */
#define CELL_WIDTH 40
#define CELL_NAME 10
#define CELL_BAR 6

/* Device rows: domain, device, base, three rates, then the sparkline. */
#define DEVICE_FIXED_WIDTH 57

static const char *const spark_utf8[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
static const char spark_ascii[] = "_.-:=+*#";
#define SPARK_LEVELS 8

/* Writes text at (y, x), cut at the screen's right edge and at `width`
 * characters (the text is ASCII: bytes are cells). */
static void put(int y, int x, int width, const char *text)
{
    int room = COLS - x;

    if (y < 0 || y >= LINES || room <= 0)
        return;
    mvaddnstr(y, x, text, width < room ? width : room);
}

static void putf(int y, int x, int width, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void putf(int y, int x, int width, const char *fmt, ...)
{
    char line[LINE_MAX_CHARS];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    put(y, x, width, line);
}

/* A full-width bar (section heading, status row) in reverse video. */
static void bar(int y, const char *text)
{
    attron(A_REVERSE);
    move(y, 0);
    hline(' ', COLS);
    put(y, 0, COLS, text);
    attroff(A_REVERSE);
}

/* Names come from guests: anything but printable ASCII would move the
 * cursor or break the columns, so it shows as '?'. */
static void printable(const char *src, size_t max, char *dst, size_t size)
{
    size_t i = 0;

    for (; i < max && i + 1 < size && src[i]; i++)
        dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? src[i] : '?';
    dst[i] = 0;
}

static void domain_name(const struct top_domain *d, char *buf, size_t size)
{
    printable(d->info.name, sizeof(d->info.name), buf, size);
}

static void draw_header(const struct top_view *v, const struct top_sample *s)
{
    unsigned counts[SEPTUM_STATE_CRASHED + 1];
    char line[LINE_MAX_CHARS], up[32];
    uint32_t free_pcpus = 0, n = top_pcpu_count(s);
    size_t len;

    if (s->phys_err) {
        snprintf(line, sizeof(line), "septum top - host unknown: %s",
                 septum_strerror(s->phys_err));
    } else {
        for (uint32_t i = 0; i < n; i++)
            free_pcpus += s->phys.pcpu_owner[i] == SEPTUM_PCPU_FREE;
        top_format_uptime(s->phys.uptime_ns, up, sizeof(up));
        snprintf(line, sizeof(line),
                 "septum top - ABI %u.%u - up %s - %u pCPUs, %u free - mem %llu MiB, %llu free",
                 s->phys.abi_version >> 16, s->phys.abi_version & 0xffff, up, s->phys.nr_pcpus,
                 free_pcpus, (unsigned long long)(s->phys.mem_total / MIB),
                 (unsigned long long)(s->phys.mem_free / MIB));
    }
    put(0, 0, COLS, line);
    /* The refresh pace at the right, when there is room for it. */
    snprintf(up, sizeof(up), "every %.1fs", v->delay_s);
    if ((int)(strlen(line) + strlen(up)) + 2 <= COLS)
        put(0, COLS - (int)strlen(up), COLS, up);

    if (s->list_err) {
        putf(1, 0, COLS, "Domains unknown: %s", septum_strerror(s->list_err));
        return;
    }
    top_count_states(s, counts);
    len = (size_t)snprintf(line, sizeof(line), "%zu domain%s", s->nr_domains,
                           s->nr_domains == 1 ? "" : "s");
    for (uint32_t st = 0, listed = 0; st <= SEPTUM_STATE_CRASHED && len < sizeof(line); st++)
        if (counts[st])
            len += (size_t)snprintf(line + len, sizeof(line) - len, "%s %u %s",
                                    listed++ ? "," : ":", counts[st], septum_state_name(st));
    put(1, 0, COLS, line);
}

/* How the rows of the main screen are shared out. */
struct layout {
    int map_top, map_rows;         /* title + grid; 0 when hidden */
    int table_top, table_rows;     /* title + heading + domains */
    int devices_top, devices_rows; /* title + heading + devices; 0 when hidden */
    int note_row;                  /* -1 when there is nothing to say */
    int status_row;
    int cells_per_row;
};

static int pcpu_grid_rows(const struct top_sample *s, int cells_per_row)
{
    int n = (int)top_pcpu_count(s);

    return n ? (n + cells_per_row - 1) / cells_per_row : 1;
}

/* A domain without devices, or whose statistics are unknown, says so in
 * a row of its own. */
static size_t device_rows(const struct top_domain *d)
{
    return d->stats_err || !d->nr_devices ? 1 : d->nr_devices;
}

static const struct top_domain *selected(const struct top_view *v, const struct top_sample *s)
{
    return v->have_selection ? top_find_domain(s, v->selected_domid) : NULL;
}

static size_t device_rows_wanted(const struct top_view *v, const struct top_sample *s)
{
    const struct top_domain *sel = selected(v, s);
    size_t n = 0;

    if (!v->all_devices)
        return sel ? device_rows(sel) : 1;
    for (size_t i = 0; i < s->nr_domains; i++)
        n += device_rows(&s->domains[i]);
    return n ? n : 1;
}

/* Gives the domain table and the device panel what they want when both
 * fit, else the smaller its want and the other the rest, else half each;
 * a panel left with fewer than 3 rows (title, heading, one line) goes. */
static void share_rows(int rest, int table_want, int devices_want, struct layout *l)
{
    int table, devices;

    if (table_want + devices_want <= rest) {
        table = table_want;
        devices = devices_want;
    } else if (table_want <= rest / 2) {
        table = table_want;
        devices = rest - table;
    } else if (devices_want <= rest / 2) {
        devices = devices_want;
        table = rest - devices;
    } else {
        devices = rest / 2;
        table = rest - devices;
    }
    if (devices < 3) {
        table += devices;
        devices = 0;
    }
    l->table_rows = table;
    l->devices_rows = devices;
}

static void compute_layout(const struct top_view *v, const struct top_sample *s, bool note,
                           struct layout *l)
{
    int rest, map_want;

    memset(l, 0, sizeof(*l));
    l->cells_per_row = COLS / CELL_WIDTH > 0 ? COLS / CELL_WIDTH : 1;
    l->status_row = LINES - 1;
    l->note_row = note ? LINES - 2 : -1;
    rest = LINES - 2 - 1 - (note ? 1 : 0); /* header, status, note */
    map_want = 1 + pcpu_grid_rows(s, l->cells_per_row);
    /* The map goes before the table's last 3 rows do. */
    if (rest - map_want >= 3) {
        l->map_top = 2;
        l->map_rows = map_want;
        rest -= map_want;
    }
    share_rows(rest, 2 + (int)(s->nr_domains ? s->nr_domains : 1),
               2 + (int)device_rows_wanted(v, s), l);
    l->table_top = 2 + l->map_rows;
    l->devices_top = l->table_top + l->table_rows;
}

static void load_bar(double load, char *buf)
{
    int filled = rate_known(load) ? (int)(load / 100.0 * CELL_BAR + 0.5) : 0;

    for (int i = 0; i < CELL_BAR; i++)
        buf[i] = i < filled ? '#' : ' ';
    buf[CELL_BAR] = 0;
}

static void draw_pcpu_cell(const struct top_sample *s, uint32_t pcpu, int y, int x)
{
    uint32_t owner = s->phys.pcpu_owner[pcpu], vcpu = s->phys.pcpu_vcpu[pcpu];
    const struct top_domain *d = top_find_domain(s, owner);
    const struct septum_vcpu_info *info = NULL;
    double load = RATE_UNKNOWN;
    char name[SEPTUM_NAME_MAX], bars[CELL_BAR + 1], pct[8];

    if (owner == SEPTUM_PCPU_FREE) {
        putf(y, x, CELL_WIDTH - 1, "%2u (free)", pcpu);
        return;
    }
    if (!d) {
        /* Created or destroyed between PHYSINFO and the domain list. */
        putf(y, x, CELL_WIDTH - 1, "%2u d%u v%u", pcpu, owner, vcpu);
        return;
    }
    domain_name(d, name, sizeof(name));
    for (size_t i = 0; i < d->nr_vcpus; i++)
        if (d->vcpus[i].vcpu == vcpu) {
            info = &d->vcpus[i];
            load = d->vcpu_load[i];
        }
    load_bar(load, bars);
    if (rate_known(load))
        snprintf(pct, sizeof(pct), "%3.0f%%", load);
    else
        snprintf(pct, sizeof(pct), "   -");
    putf(y, x, CELL_WIDTH - 1, "%2u %-*.*s v%u %-8.8s %s [%s]", pcpu, CELL_NAME, CELL_NAME, name,
         vcpu, top_pcpu_state(d, info), pct, bars);
}

static void draw_map(const struct top_sample *s, const struct layout *l)
{
    uint32_t n = top_pcpu_count(s);
    int grid_rows = l->map_rows - 1;

    attron(A_BOLD);
    put(l->map_top, 0, COLS, "pCPU placement");
    attroff(A_BOLD);
    if (!n) {
        put(l->map_top + 1, 1, COLS, "unknown: the host could not be read");
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        int row = (int)i / l->cells_per_row, col = (int)i % l->cells_per_row;

        if (row < grid_rows)
            draw_pcpu_cell(s, i, l->map_top + 1 + row, col * CELL_WIDTH);
    }
}

/* Columns that fit, from the left; the name column takes what is left,
 * up to the longest name the ABI allows. */
static int visible_columns(int *name_width)
{
    int used = 1; /* the selection marker */
    int count = 0;

    for (int c = 0; c < NR_COLUMNS; c++) {
        int w = top_column_width((enum top_column)c);

        if (used + w + (c ? 1 : 0) > COLS)
            break;
        used += w + (c ? 1 : 0);
        count++;
    }
    *name_width = top_column_width(COL_NAME) + (COLS - used);
    if (*name_width > SEPTUM_NAME_MAX - 1)
        *name_width = SEPTUM_NAME_MAX - 1;
    return count;
}

/* Draws a row of the table from per-column texts; returns the x at which
 * each column starts in starts[]. */
static void table_row(int y, char cells[][SEPTUM_NAME_MAX + 16], int shown, int name_width,
                      char marker, int starts[])
{
    char line[LINE_MAX_CHARS];
    size_t len = 0;

    line[len++] = marker;
    for (int c = 0; c < shown; c++) {
        int w = c == COL_NAME ? name_width : top_column_width((enum top_column)c);

        starts[c] = (int)len + (c ? 1 : 0);
        len += (size_t)snprintf(line + len, sizeof(line) - len,
                                top_column_numeric((enum top_column)c) ? "%s%*.*s" : "%s%-*.*s",
                                c ? " " : "", w, w, cells[c]);
    }
    put(y, 0, COLS, line);
}

static void keep_selection_visible(struct top_view *v, int rows)
{
    if (v->selected_row < v->first_row)
        v->first_row = v->selected_row;
    else if (rows > 0 && v->selected_row >= v->first_row + (size_t)rows)
        v->first_row = v->selected_row - (size_t)rows + 1;
}

static int draw_table(struct top_view *v, const struct top_sample *s, const struct layout *l,
                      bool *columns_hidden)
{
    char cells[NR_COLUMNS][SEPTUM_NAME_MAX + 16];
    int name_width, shown = visible_columns(&name_width), starts[NR_COLUMNS];
    int rows = l->table_rows - 2;

    *columns_hidden = shown < NR_COLUMNS;
    if (v->first_row + (size_t)rows > s->nr_domains)
        v->first_row = s->nr_domains > (size_t)rows ? s->nr_domains - (size_t)rows : 0;
    keep_selection_visible(v, rows);

    attron(A_BOLD);
    putf(l->table_top, 0, COLS, "Domains, by %s%s%s", top_column_heading(v->sort),
         v->sort_reversed ? " (reversed)" : "",
         s->nr_domains > (size_t)rows ? " - more with Up/Down" : "");
    attroff(A_BOLD);

    for (int c = 0; c < shown; c++)
        snprintf(cells[c], sizeof(cells[c]), "%s", top_column_heading((enum top_column)c));
    attron(A_REVERSE);
    move(l->table_top + 1, 0);
    hline(' ', COLS);
    table_row(l->table_top + 1, cells, shown, name_width, ' ', starts);
    /* The sort column's heading stands out, colour or not. */
    if ((int)v->sort < shown) {
        int w = v->sort == COL_NAME ? name_width : top_column_width(v->sort);

        attron(A_BOLD | A_UNDERLINE);
        putf(l->table_top + 1, starts[v->sort], w,
             top_column_numeric(v->sort) ? "%*s" : "%-*s", w, top_column_heading(v->sort));
        attroff(A_BOLD | A_UNDERLINE);
    }
    attroff(A_REVERSE);

    if (s->list_err)
        putf(l->table_top + 2, 1, COLS, "unknown: %s", septum_strerror(s->list_err));
    else if (!s->nr_domains)
        put(l->table_top + 2, 1, COLS, "no domains");
    for (int r = 0; r < rows && v->first_row + (size_t)r < s->nr_domains; r++) {
        size_t i = v->first_row + (size_t)r;
        const struct top_domain *d = &s->domains[i];
        bool selected = v->have_selection && i == v->selected_row;

        for (int c = 0; c < shown; c++) {
            if (c == COL_NAME)
                domain_name(d, cells[c], sizeof(cells[c]));
            else
                top_column_cell(d, (enum top_column)c, cells[c], sizeof(cells[c]));
        }
        if (selected) {
            attron(A_REVERSE);
            move(l->table_top + 2 + r, 0);
            hline(' ', COLS);
        }
        table_row(l->table_top + 2 + r, cells, shown, name_width, selected ? '>' : ' ', starts);
        attroff(A_REVERSE);
    }
    return rows;
}

/* The last `width` refreshes of a device's activity, each scaled to the
 * busiest of them; ' ' where no rate was known. */
static void draw_sparkline(const struct top_view *v, const struct top_device *dev, int y, int x,
                           int width)
{
    unsigned n = dev->history_len < (unsigned)width ? dev->history_len : (unsigned)width;
    const double *h = dev->history + (dev->history_len - n);
    double max = 0;

    for (unsigned i = 0; i < n; i++)
        if (h[i] > max)
            max = h[i];
    move(y, x + width - (int)n);
    for (unsigned i = 0; i < n; i++) {
        int level = 0;

        if (!rate_known(h[i])) {
            addch(' ');
            continue;
        }
        /* Zero has a glyph of its own: an idle device is not a quiet one. */
        if (h[i] > 0)
            level = 1 + (int)(h[i] / max * (SPARK_LEVELS - 2) + 0.5);
        if (v->utf8)
            addstr(spark_utf8[level]);
        else
            addch((chtype)(unsigned char)spark_ascii[level]);
    }
}

static void draw_device(const struct top_view *v, const struct top_domain *d,
                        const struct top_device *dev, int y)
{
    char name[SEPTUM_NAME_MAX], device[sizeof(dev->counters.name) + 1], r[12], w[12], i[12];
    int spark = COLS - DEVICE_FIXED_WIDTH;

    domain_name(d, name, sizeof(name));
    printable(dev->counters.name, sizeof(dev->counters.name), device, sizeof(device));
    top_format_rate(dev->reads_rate, r, sizeof(r));
    top_format_rate(dev->writes_rate, w, sizeof(w));
    top_format_rate(dev->irqs_rate, i, sizeof(i));
    putf(y, 0, COLS, " %-10.10s %-8.8s 0x%08llx %7s %8s %7s", name, device,
         (unsigned long long)dev->counters.base, r, w, i);
    if (spark > 0)
        draw_sparkline(v, dev, y, DEVICE_FIXED_WIDTH - 1 + 1,
                       spark < TOP_HISTORY ? spark : TOP_HISTORY);
}

/* One domain's device rows from `y`, at most `room`. */
static void draw_domain_devices(const struct top_view *v, const struct top_domain *d, int y,
                                int room)
{
    char name[SEPTUM_NAME_MAX];

    if (d->stats_err || !d->nr_devices) {
        domain_name(d, name, sizeof(name));
        putf(y, 0, COLS, " %-10.10s %s", name,
             d->stats_err ? septum_strerror(d->stats_err) : "no devices");
        return;
    }
    for (size_t k = 0; k < d->nr_devices && (int)k < room; k++)
        draw_device(v, d, &d->devices[k], y + (int)k);
}

static void draw_devices(const struct top_view *v, const struct top_sample *s,
                         const struct layout *l)
{
    const struct top_domain *sel = selected(v, s);
    int y = l->devices_top + 2, room = l->devices_rows - 2;
    size_t wanted = device_rows_wanted(v, s);
    char name[SEPTUM_NAME_MAX];

    attron(A_BOLD);
    if (v->all_devices) {
        put(l->devices_top, 0, COLS, "Devices of all domains (a: the selected one's)");
    } else if (sel) {
        domain_name(sel, name, sizeof(name));
        putf(l->devices_top, 0, COLS, "Devices of d%u (%s) (a: all domains')", sel->info.domid,
             name);
    } else {
        put(l->devices_top, 0, COLS, "Devices");
    }
    attroff(A_BOLD);
    bar(l->devices_top + 1, " Domain     Device   Base        Reads/s Writes/s  IRQs/s Activity");

    if (!v->all_devices) {
        if (sel)
            draw_domain_devices(v, sel, y, room);
        else
            put(y, 1, COLS, "no domain selected");
        return;
    }
    /* When not all fit, the last row says how many did not. */
    if (wanted > (size_t)room)
        room--;
    for (size_t i = 0; i < s->nr_domains && room > 0; i++) {
        int rows = (int)device_rows(&s->domains[i]);

        draw_domain_devices(v, &s->domains[i], y, room);
        y += rows < room ? rows : room;
        room -= rows < room ? rows : room;
    }
    if (wanted > (size_t)(l->devices_rows - 2))
        putf(y, 1, COLS, "... %zu more rows (Enter shows one domain's)",
             wanted - (size_t)(l->devices_rows - 3));
}

static void draw_status(const struct top_view *v, int row)
{
    char line[LINE_MAX_CHARS];

    if (v->prompt == PROMPT_CONFIRM_PAUSE)
        snprintf(line, sizeof(line), "%s d%u (%s)? [y/N] ",
                 v->confirm_unpause ? "Unpause" : "Pause", v->confirm_domid, v->confirm_name);
    else if (v->prompt == PROMPT_DELAY)
        snprintf(line, sizeof(line), "Delay in seconds (now %.1f), Enter to set, Esc to keep: %s",
                 v->delay_s, v->typed);
    else if (v->message[0])
        snprintf(line, sizeof(line), "%s", v->message);
    else if (v->screen == SCREEN_DETAILS)
        snprintf(line, sizeof(line),
                 "Enter/Esc back  Up/Down other domain  p pause  h help  q quit");
    else
        snprintf(line, sizeof(line), "q quit  h help  Enter details  s/S sort  p pause  d delay"
                                     "  a devices");
    bar(row, line);
}

/* The note row: what could not be read, and what did not fit. Returns
 * whether there is anything to say. */
static bool note_text(const struct top_sample *s, const char *hidden, char *buf, size_t size)
{
    size_t problems = top_problems(s, 0, buf, size), len;

    if (!problems) {
        buf[0] = 0;
    } else if (problems > 1) {
        len = strlen(buf);
        snprintf(buf + len, size - len, " (+%zu more: Enter on a domain)", problems - 1);
    }
    len = strlen(buf);
    if (hidden[0])
        snprintf(buf + len, size - len, "%sno room for %s: enlarge the terminal",
                 len ? "; " : "", hidden);
    return buf[0] != 0;
}

static int draw_main(struct top_view *v, const struct top_sample *s)
{
    char hidden[64] = "", note[LINE_MAX_CHARS];
    struct layout l;
    bool columns_hidden;
    int name_width, rows;

    compute_layout(v, s, true, &l);
    columns_hidden = visible_columns(&name_width) < NR_COLUMNS;
    snprintf(hidden, sizeof(hidden), "%s%s%s", l.map_rows ? "" : "pCPU map, ",
             l.devices_rows ? "" : "devices, ", columns_hidden ? "columns, " : "");
    if (hidden[0])
        hidden[strlen(hidden) - 2] = 0; /* the last ", " */
    /* The note row is only taken when there is something to say. */
    if (!note_text(s, hidden, note, sizeof(note)))
        compute_layout(v, s, false, &l);

    draw_header(v, s);
    if (l.map_rows)
        draw_map(s, &l);
    rows = draw_table(v, s, &l, &columns_hidden);
    if (l.devices_rows)
        draw_devices(v, s, &l);
    if (l.note_row >= 0)
        put(l.note_row, 0, COLS, note);
    draw_status(v, l.status_row);
    return rows;
}

static void draw_vcpus(const struct top_domain *d, int *y)
{
    char load[12], exits[12];

    bar((*y)++, "vCPU pCPU State      Load  Time(s)  Exits/s");
    if (d->vcpus_err) {
        putf((*y)++, 1, COLS, "unknown: %s", septum_strerror(d->vcpus_err));
        return;
    }
    for (size_t i = 0; i < d->nr_vcpus && *y < LINES - 1; i++) {
        const struct septum_vcpu_info *c = &d->vcpus[i];

        if (rate_known(d->vcpu_load[i]))
            snprintf(load, sizeof(load), "%.0f%%", d->vcpu_load[i]);
        else
            snprintf(load, sizeof(load), "-");
        top_format_rate(d->vcpu_exits_rate[i], exits, sizeof(exits));
        putf((*y)++, 0, COLS, "%4u %4u %-8s %6s %8.1f %8s", c->vcpu, c->pcpu,
             top_pcpu_state(d, c), load, (double)c->time_ns / 1e9, exits);
    }
    if (*y < LINES - 1) {
        char line[LINE_MAX_CHARS], r[12];
        size_t len = (size_t)snprintf(line, sizeof(line), "Exits/s by cause:");

        for (uint32_t e = 0; e < SEPTUM_EXIT_CAUSES && len < sizeof(line); e++) {
            top_format_rate(d->exit_cause_rate[e], r, sizeof(r));
            len += (size_t)snprintf(line + len, sizeof(line) - len, " %s %s",
                                    septum_exit_name(e), r);
        }
        put((*y)++, 0, COLS, line);
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
    int spark = COLS - 77;

    bar((*y)++,
        "Device   Base       Size     Reads   Writes     IRQs Reads/s Writes/s IRQs/s Activity");
    if (d->stats_err) {
        putf((*y)++, 1, COLS, "unknown: %s", septum_strerror(d->stats_err));
        return;
    }
    if (!d->nr_devices)
        put((*y)++, 1, COLS, "no devices");
    for (size_t k = 0; k < d->nr_devices && *y < LINES - 1; k++, (*y)++) {
        const struct top_device *dev = &d->devices[k];
        char name[sizeof(dev->counters.name) + 1], size[16], r[12], w[12], i[12];

        printable(dev->counters.name, sizeof(dev->counters.name), name, sizeof(name));
        size_text(dev->counters.size, size, sizeof(size));
        top_format_rate(dev->reads_rate, r, sizeof(r));
        top_format_rate(dev->writes_rate, w, sizeof(w));
        top_format_rate(dev->irqs_rate, i, sizeof(i));
        putf(*y, 0, COLS, "%-8.8s 0x%08llx %5s %8llu %8llu %8llu %7s %8s %6s", name,
             (unsigned long long)dev->counters.base, size,
             (unsigned long long)dev->counters.reads, (unsigned long long)dev->counters.writes,
             (unsigned long long)dev->counters.irqs, r, w, i);
        if (spark > 0)
            draw_sparkline(v, dev, *y, 77, spark < TOP_HISTORY ? spark : TOP_HISTORY);
    }
}

static void draw_details(struct top_view *v, const struct top_sample *s)
{
    const struct top_domain *d = selected(v, s);
    char name[SEPTUM_NAME_MAX], up[32], cpu[12], hc[12], irq[12], con[12], line[LINE_MAX_CHARS];
    int y = 0;

    if (!d) {
        bar(0, "No domain selected");
        draw_status(v, LINES - 1);
        return;
    }
    domain_name(d, name, sizeof(name));
    top_format_uptime(s->phys.uptime_ns > d->info.created_ns
                          ? s->phys.uptime_ns - d->info.created_ns
                          : 0,
                      up, sizeof(up));
    snprintf(line, sizeof(line), "d%u (%s): %s, %u vCPU%s, %llu MiB, up %s, %u restart%s",
             d->info.domid, name, septum_state_name(d->info.state), d->info.nr_vcpus,
             d->info.nr_vcpus == 1 ? "" : "s", (unsigned long long)(d->info.mem_size / MIB), up,
             d->info.restarts, d->info.restarts == 1 ? "" : "s");
    bar(y++, line);
    if (d->info.crash_reason[0]) {
        printable(d->info.crash_reason, sizeof(d->info.crash_reason), line, sizeof(line));
        putf(y++, 0, COLS, "Crashed: %s", line);
    }
    top_column_cell(d, COL_CPU_PCT, cpu, sizeof(cpu));
    top_column_cell(d, COL_HYPERCALLS, hc, sizeof(hc));
    top_column_cell(d, COL_IRQS, irq, sizeof(irq));
    top_column_cell(d, COL_CONSOLE, con, sizeof(con));
    putf(y++, 0, COLS, "CPU %.1f s (%s%%)  hypercalls %llu (%s/s)  IRQs injected %llu (%s/s)",
         (double)d->info.cpu_time_ns / 1e9, cpu, (unsigned long long)d->stats.hypercalls, hc,
         (unsigned long long)d->stats.irqs_injected, irq);
    putf(y++, 0, COLS, "Console %llu bytes (%s/s)", (unsigned long long)d->stats.console_bytes,
         con);
    y++;
    draw_vcpus(d, &y);
    y++;
    if (y < LINES - 2)
        draw_detail_devices(v, d, &y);
    draw_status(v, LINES - 1);
}

static void draw_help(void)
{
    static const char *const lines[] = {
        "septum top - keys",
        "",
        "  Up/Down, PgUp/PgDn, Home/End   select a domain",
        "  Enter                          the selected domain's details (again: back)",
        "  Esc                            back to the main screen",
        "  s / S, Right / Left            sort by the next / previous column",
        "  r                              reverse the order",
        "  a                              devices of all domains, or the selected one's",
        "  p                              pause or unpause the selected domain (asks first)",
        "  d                              refresh delay, in seconds",
        "  Space                          refresh now",
        "  Ctrl-L                         repaint the terminal",
        "  h, ?                           this help",
        "  q                              quit",
        "",
        "Rates are per second, over the measured time between refreshes; '-' until",
        "two refreshes saw a domain, '?' when the hypervisor did not answer.",
        "Load is the share of time a vCPU was loaded on its pCPU (a vCPU waiting",
        "in WFI stays loaded: with no scheduler, its pCPU has nothing else to run).",
        "",
        "Press any key to return.",
    };

    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]) && (int)i < LINES; i++) {
        if (i == 0)
            bar(0, lines[0]);
        else
            put((int)i, 0, COLS, lines[i]);
    }
}

int top_render(struct top_view *v, const struct top_sample *s)
{
    int rows = 0;

    erase();
    if (COLS < MIN_COLS || LINES < MIN_ROWS) {
        putf(0, 0, COLS, "Terminal too small: %dx%d", COLS, LINES);
        putf(1, 0, COLS, "septum top needs %dx%d; q quits", MIN_COLS, MIN_ROWS);
        move(0, 0);
        refresh();
        return 1;
    }
    if (v->help)
        draw_help();
    else if (v->screen == SCREEN_DETAILS)
        draw_details(v, s);
    else
        rows = draw_main(v, s);
    /* The cursor rests on the top left, where it hides least. */
    move(0, 0);
    refresh();
    return rows > 0 ? rows : 1;
}
