/* septum top's main screen, drawn with curses: no colour, only reverse
 * and bold, which a vt100 on a serial line has; block characters only when
 * the locale says UTF-8. What does not fit is left out and said so.
 *
 * From the top: the host (2 rows), the pCPU placement map, the domain
 * table, the device panel, a note row (problems, hidden parts) and the
 * status row (key hints, a prompt, or the last action's outcome). The other
 * screens are in top_details.c. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "top.h"

#define MIN_COLS 40
#define MIN_ROWS 8
#define TABLE_ROWS_KEPT 5 /* title, heading, 3 domains: kept before the map */
#define MIB (1ull << 20)

/* pCPU map cell: " 0 Domain-0   v0 on        12% [#     ]" */
#define CELL_WIDTH 40
#define CELL_NAME 10
#define CELL_BAR 6

/* Device rows: domain, device, base and three rates, then the sparkline. */
#define DEVICE_ROW " %-9.9s %-12.12s %-10.10s %7s %8s %7s "
#define DEVICE_NAME 9 /* DEVICE_ROW's first field */
#define DEVICE_FIXED_WIDTH 60

static void draw_header(const struct top_view *v, const struct top_sample *s)
{
    unsigned counts[SEPTUM_STATE_CRASHED + 1];
    char line[TOP_LINE_MAX], up[32];
    uint32_t free_pcpus = 0, n = top_pcpu_count(s);
    size_t len;

    if (s->phys_err) {
        snprintf(line, sizeof(line), "septum top - host unknown: %s", septum_strerror(s->phys_err));
    } else {
        for (uint32_t i = 0; i < n; i++)
            free_pcpus += s->phys.pcpu_owner[i] == SEPTUM_PCPU_FREE;
        top_format_uptime(s->phys.uptime_ns, up, sizeof(up));
        /* The largest free extent beside the total: the most one
         * direct-mapped domain can get. The ABI is in batch mode and
         * `septum info`, for room on 80 columns. */
        snprintf(line, sizeof(line),
                 "septum top - up %s - %u pCPUs, %u free - %llu MiB, %llu free, %llu largest", up,
                 s->phys.nr_pcpus, free_pcpus, (unsigned long long)(s->phys.mem_total / MIB),
                 (unsigned long long)(s->phys.mem_free / MIB),
                 (unsigned long long)(s->phys.mem_largest_free / MIB));
    }
    top_put(0, 0, COLS, line);
    /* The refresh pace at the right, when there is room for it. */
    snprintf(up, sizeof(up), "every %.1fs", v->delay_s);
    if ((int)(strlen(line) + strlen(up)) + 2 <= COLS)
        top_put(0, COLS - (int)strlen(up), COLS, up);

    if (s->list_err) {
        top_putf(1, 0, COLS, "Domains unknown: %s", septum_strerror(s->list_err));
        return;
    }
    top_count_states(s, counts);
    len = (size_t)snprintf(line, sizeof(line), "%zu domain%s", s->nr_domains,
                           s->nr_domains == 1 ? "" : "s");
    for (uint32_t st = 0, listed = 0; st <= SEPTUM_STATE_CRASHED && len < sizeof(line); st++)
        if (counts[st])
            len += (size_t)snprintf(line + len, sizeof(line) - len, "%s %u %s",
                                    listed++ ? "," : ":", counts[st], septum_state_name(st));
    top_put(1, 0, COLS, line);
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

static size_t device_rows_wanted(const struct top_view *v, const struct top_sample *s)
{
    const struct top_domain *sel = top_selected(v, s);
    size_t n = 0;

    if (!v->all_devices)
        return sel ? device_rows(sel) : 1;
    for (size_t i = 0; i < s->nr_domains; i++)
        n += device_rows(&s->domains[i]);
    return n ? n : 1;
}

/* The domain table comes first: it gets what it wants, but for the rows
 * the device panel wants, down to TABLE_ROWS_KEPT. The device panel gets
 * the rest, and goes when that is less than a title, a heading and a row. */
static void share_rows(int rest, int table_want, int devices_want, struct layout *l)
{
    int table = rest - devices_want;

    if (table < TABLE_ROWS_KEPT)
        table = TABLE_ROWS_KEPT;
    if (table > table_want)
        table = table_want;
    if (table > rest)
        table = rest;
    l->table_rows = table;
    l->devices_rows = rest - table < devices_want ? rest - table : devices_want;
    if (l->devices_rows < 3) {
        l->table_rows = rest;
        l->devices_rows = 0;
    }
}

static void compute_layout(const struct top_view *v, const struct top_sample *s, bool note,
                           struct layout *l)
{
    int rest, map_want, table_want;

    memset(l, 0, sizeof(*l));
    l->cells_per_row = COLS / CELL_WIDTH > 0 ? COLS / CELL_WIDTH : 1;
    l->status_row = LINES - 1;
    l->note_row = note ? LINES - 2 : -1;
    rest = LINES - 2 - 1 - (note ? 1 : 0); /* header, status, note */
    map_want = 1 + pcpu_grid_rows(s, l->cells_per_row);
    table_want = 2 + (int)(s->nr_domains ? s->nr_domains : 1);
    /* The map goes before the table is cut below 3 domains. */
    if (rest - map_want >= (table_want < TABLE_ROWS_KEPT ? table_want : TABLE_ROWS_KEPT)) {
        l->map_top = 2;
        l->map_rows = map_want;
        rest -= map_want;
    }
    share_rows(rest, table_want, 2 + (int)device_rows_wanted(v, s), l);
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
        top_putf(y, x, CELL_WIDTH - 1, "%2u (free)", pcpu);
        return;
    }
    if (!d) {
        /* Created or destroyed between PHYSINFO and the domain list. */
        top_putf(y, x, CELL_WIDTH - 1, "%2u d%u v%u", pcpu, owner, vcpu);
        return;
    }
    top_domain_name(d, name, sizeof(name));
    top_fit_name(name, CELL_NAME);
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
    top_putf(y, x, CELL_WIDTH - 1, "%2u %-*.*s v%u %-8.8s %s [%s]", pcpu, CELL_NAME, CELL_NAME,
             name, vcpu, top_pcpu_state(d, info), pct, bars);
}

static void draw_map(const struct top_sample *s, const struct layout *l)
{
    uint32_t n = top_pcpu_count(s);
    int grid_rows = l->map_rows - 1;

    attron(A_BOLD);
    top_put(l->map_top, 0, COLS, "pCPU placement");
    attroff(A_BOLD);
    if (!n) {
        top_put(l->map_top + 1, 1, COLS, "unknown: the host could not be read");
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        int row = (int)i / l->cells_per_row, col = (int)i % l->cells_per_row;

        if (row < grid_rows)
            draw_pcpu_cell(s, i, l->map_top + 1 + row, col * CELL_WIDTH);
    }
}

/* The longest name in the sample, for a table that cuts none (-f). */
static int longest_name(const struct top_sample *s)
{
    int longest = 0;

    for (size_t i = 0; i < s->nr_domains; i++) {
        char name[SEPTUM_NAME_MAX];

        top_domain_name(&s->domains[i], name, sizeof(name));
        if ((int)strlen(name) > longest)
            longest = (int)strlen(name);
    }
    return longest;
}

/* How wide the table's name column must be: 0 when names may be cut. */
static int table_name_least(const struct top_view *v, const struct top_sample *s)
{
    return v->full_names ? longest_name(s) : 0;
}

/* Columns that fit, from the left; the name column is at least
 * name_least wide and takes what is left, up to the longest name the ABI
 * allows. */
static int visible_columns(int name_least, int *name_width)
{
    int used = 1; /* the selection marker */
    int count = 0;

    for (int c = 0; c < NR_COLUMNS; c++) {
        int w = top_column_width((enum top_column)c);

        if (c == COL_NAME && name_least > w)
            w = name_least;

        if (used + w + (c ? 1 : 0) > COLS)
            break;
        used += w + (c ? 1 : 0);
        count++;
    }
    *name_width =
        (name_least > top_column_width(COL_NAME) ? name_least : top_column_width(COL_NAME)) +
        (COLS - used);
    if (*name_width > SEPTUM_NAME_MAX - 1)
        *name_width = SEPTUM_NAME_MAX - 1;
    return count;
}

/* Draws a row of the table from per-column texts; returns the x at which
 * each column starts in starts[]. */
static void table_row(int y, char cells[][SEPTUM_NAME_MAX + 16], int shown, int name_width,
                      char marker, int starts[])
{
    char line[TOP_LINE_MAX];
    size_t len = 0;

    line[len++] = marker;
    for (int c = 0; c < shown; c++) {
        int w = c == COL_NAME ? name_width : top_column_width((enum top_column)c);

        starts[c] = (int)len + (c ? 1 : 0);
        len += (size_t)snprintf(line + len, sizeof(line) - len,
                                top_column_numeric((enum top_column)c) ? "%s%*.*s" : "%s%-*.*s",
                                c ? " " : "", w, w, cells[c]);
    }
    top_put(y, 0, COLS, line);
}

static void keep_selection_visible(struct top_view *v, int rows)
{
    if (v->selected_row < v->first_row)
        v->first_row = v->selected_row;
    else if (rows > 0 && v->selected_row >= v->first_row + (size_t)rows)
        v->first_row = v->selected_row - (size_t)rows + 1;
}

static int draw_table(struct top_view *v, const struct top_sample *s, const struct layout *l)
{
    char cells[NR_COLUMNS][SEPTUM_NAME_MAX + 16];
    int name_width, starts[NR_COLUMNS];
    int shown = visible_columns(table_name_least(v, s), &name_width);
    int rows = l->table_rows - 2;

    if (v->first_row + (size_t)rows > s->nr_domains)
        v->first_row = s->nr_domains > (size_t)rows ? s->nr_domains - (size_t)rows : 0;
    keep_selection_visible(v, rows);

    attron(A_BOLD);
    top_putf(l->table_top, 0, COLS, "Domains, by %s%s%s", top_column_heading(v->sort),
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
        top_putf(l->table_top + 1, starts[v->sort], w, top_column_numeric(v->sort) ? "%*s" : "%-*s",
                 w, top_column_heading(v->sort));
        attroff(A_BOLD | A_UNDERLINE);
    }
    attroff(A_REVERSE);

    if (s->list_err)
        top_putf(l->table_top + 2, 1, COLS, "unknown: %s", septum_strerror(s->list_err));
    else if (!s->nr_domains)
        top_put(l->table_top + 2, 1, COLS, "no domains");
    for (int r = 0; r < rows && v->first_row + (size_t)r < s->nr_domains; r++) {
        size_t i = v->first_row + (size_t)r;
        const struct top_domain *d = &s->domains[i];
        bool selected = v->have_selection && i == v->selected_row;

        for (int c = 0; c < shown; c++) {
            if (c == COL_NAME) {
                top_domain_name(d, cells[c], sizeof(cells[c]));
                top_fit_name(cells[c], name_width);
            } else
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

static void draw_device(const struct top_view *v, const struct top_domain *d,
                        const struct top_device *dev, int y)
{
    char name[SEPTUM_NAME_MAX], device[sizeof(dev->counters.name) + 1], base[24], r[12], w[12],
        i[12];
    int spark = COLS - DEVICE_FIXED_WIDTH;

    top_domain_name(d, name, sizeof(name));
    top_fit_name(name, DEVICE_NAME);
    top_printable(dev->counters.name, sizeof(dev->counters.name), device, sizeof(device));
    top_format_rate(dev->reads_rate, r, sizeof(r));
    top_format_rate(dev->writes_rate, w, sizeof(w));
    top_format_rate(dev->irqs_rate, i, sizeof(i));
    snprintf(base, sizeof(base), "0x%08llx", (unsigned long long)dev->counters.base);
    top_putf(y, 0, COLS, DEVICE_ROW, name, device, base, r, w, i);
    if (spark > 0)
        top_sparkline(v, dev, y, DEVICE_FIXED_WIDTH, spark < TOP_HISTORY ? spark : TOP_HISTORY);
}

/* One domain's device rows from `y`, at most `room`. */
static void draw_domain_devices(const struct top_view *v, const struct top_domain *d, int y,
                                int room)
{
    char name[SEPTUM_NAME_MAX];

    if (d->stats_err || !d->nr_devices) {
        top_domain_name(d, name, sizeof(name));
        top_fit_name(name, DEVICE_NAME);
        top_putf(y, 0, COLS, " %-9.9s %s", name,
                 d->stats_err ? septum_strerror(d->stats_err) : "no devices");
        return;
    }
    for (size_t k = 0; k < d->nr_devices && (int)k < room; k++)
        draw_device(v, d, &d->devices[k], y + (int)k);
}

static void draw_devices(const struct top_view *v, const struct top_sample *s,
                         const struct layout *l)
{
    const struct top_domain *sel = top_selected(v, s);
    int y = l->devices_top + 2, room = l->devices_rows - 2;
    size_t wanted = device_rows_wanted(v, s);
    char name[SEPTUM_NAME_MAX], heading[TOP_LINE_MAX];

    attron(A_BOLD);
    if (v->all_devices) {
        top_put(l->devices_top, 0, COLS, "Devices of all domains (a: the selected one's)");
    } else if (sel) {
        top_domain_name(sel, name, sizeof(name));
        top_putf(l->devices_top, 0, COLS, "Devices of d%u (%s) (a: all domains')", sel->info.domid,
                 name);
    } else {
        top_put(l->devices_top, 0, COLS, "Devices");
    }
    attroff(A_BOLD);
    snprintf(heading, sizeof(heading), DEVICE_ROW "%s", "Domain", "Device", "Base", "Reads/s",
             "Writes/s", "IRQs/s", "Activity");
    top_bar(l->devices_top + 1, heading);

    if (!v->all_devices && !sel) {
        top_put(y, 1, COLS, "no domain selected");
        return;
    }
    /* When not all fit, the last row says how many did not. */
    if (wanted > (size_t)room)
        room--;
    for (size_t i = 0; i < s->nr_domains && room > 0; i++) {
        const struct top_domain *d = &s->domains[i];
        int rows = (int)device_rows(d);

        if (!v->all_devices && d != sel)
            continue;
        draw_domain_devices(v, d, y, room);
        y += rows < room ? rows : room;
        room -= rows < room ? rows : room;
    }
    if (wanted > (size_t)(l->devices_rows - 2))
        top_putf(y, 1, COLS, "... %zu more rows%s", wanted - (size_t)(l->devices_rows - 3),
                 v->all_devices ? " (Enter shows one domain's)" : " (Enter shows them all)");
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
        snprintf(buf + len, size - len, "%sno room for %s: enlarge the terminal", len ? "; " : "",
                 hidden);
    return buf[0] != 0;
}

static int draw_main(struct top_view *v, const struct top_sample *s)
{
    char hidden[64] = "", note[TOP_LINE_MAX];
    struct layout l;
    bool columns_hidden;
    int name_width, rows;

    compute_layout(v, s, true, &l);
    columns_hidden = visible_columns(table_name_least(v, s), &name_width) < NR_COLUMNS;
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
    rows = draw_table(v, s, &l);
    if (l.devices_rows)
        draw_devices(v, s, &l);
    if (l.note_row >= 0)
        top_put(l.note_row, 0, COLS, note);
    top_draw_status(v, l.status_row);
    return rows;
}

int top_render(struct top_view *v, const struct top_sample *s)
{
    int rows = 0;

    erase();
    if (COLS < MIN_COLS || LINES < MIN_ROWS) {
        top_putf(0, 0, COLS, "Terminal too small: %dx%d", COLS, LINES);
        top_putf(1, 0, COLS, "septum top needs %dx%d; q quits", MIN_COLS, MIN_ROWS);
        move(0, 0);
        refresh();
        return 1;
    }
    if (v->help)
        top_draw_help();
    else if (v->screen == SCREEN_DETAILS)
        top_draw_details(v, s);
    else
        rows = draw_main(v, s);
    /* The cursor rests on the top left, where it hides least. */
    move(0, 0);
    refresh();
    return rows > 0 ? rows : 1;
}
