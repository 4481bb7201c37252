/* septum top: the live monitor, after xentop and htop.
 *
 * One refresh takes a sample (top_sample.c): the host, every domain, its
 * vCPUs and its statistics, with rates computed against the previous
 * sample over the wall-clock time between them. The sample is shown either
 * on a terminal (top_render.c draws, top_input.c turns keys into changes of
 * the view) or as text or CSV for scripts (top_batch.c). The domain table's
 * columns and their order live in top_columns.c; top.c runs the loop. */
#ifndef SEPTUM_TOP_H
#define SEPTUM_TOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "septum.h"

/* A rate that cannot be known yet: the first sample of a domain, or a
 * statistics call that failed in this sample or the previous one. */
#define RATE_UNKNOWN (-1.0)
#define rate_known(r) ((r) >= 0.0)

/* The refresh delay's bounds, in seconds. */
#define TOP_DELAY_MIN_S 0.1
#define TOP_DELAY_MAX_S 3600.0

/* Refreshes remembered per device for its sparkline. */
#define TOP_HISTORY 20

struct top_device {
    struct septum_device_stats counters;
    double reads_rate, writes_rate, irqs_rate;
    /* Accesses and interrupts per second at each of the last refreshes,
     * oldest first; RATE_UNKNOWN where there was no rate. */
    double history[TOP_HISTORY];
    unsigned history_len;
};

struct top_domain {
    struct septum_domain_info info;

    int vcpus_err; /* 0, or why the vCPUs could not be read */
    size_t nr_vcpus;
    struct septum_vcpu_info vcpus[SEPTUM_MAX_VCPUS];
    double vcpu_load[SEPTUM_MAX_VCPUS]; /* % of its pCPU's time, 0-100 */
    double vcpu_exits_rate[SEPTUM_MAX_VCPUS];
    double exit_cause_rate[SEPTUM_EXIT_CAUSES]; /* all vCPUs together */
    uint64_t exits;                             /* all vCPUs, all causes */

    int stats_err; /* 0, or why the statistics could not be read */
    struct septum_domain_stats stats;
    size_t nr_devices;
    struct top_device devices[SEPTUM_MAX_DEVICES];

    double cpu_pct; /* of one pCPU, as xentop: up to 100 per vCPU */
    double exits_rate, irqs_rate, hypercalls_rate, console_rate;
};

struct top_sample {
    unsigned number;   /* 1 for the first sample */
    uint64_t taken_ns; /* CLOCK_MONOTONIC when sampling started */
    double interval_s; /* since the previous sample; 0 for the first */

    int phys_err; /* 0, or why the host could not be read */
    struct septum_physinfo phys;

    int list_err; /* 0, or why the domains could not be listed */
    size_t nr_domains;
    struct top_domain *domains; /* malloc()ed */
};

/* top_sample.c: takes a sample, with rates and histories against prev
 * (NULL for the first). Failing calls are recorded in the sample, never
 * fatal: a domain that vanished between the list and its statistics is
 * left out. Returns 0, or -ENOMEM. */
int top_sample_take(struct septum *h, const struct top_sample *prev, struct top_sample *s);
void top_sample_free(struct top_sample *s);

/* The pCPUs the sample can describe (the ABI's arrays hold at most 8). */
uint32_t top_pcpu_count(const struct top_sample *s);
/* The domain in s with that id, or NULL. */
const struct top_domain *top_find_domain(const struct top_sample *s, uint32_t domid);
/* d's vCPU with that index, or NULL. */
const struct septum_vcpu_info *top_vcpu(const struct top_domain *d, uint32_t vcpu);
/* Domains in each state, indexed by SEPTUM_STATE_*. */
void top_count_states(const struct top_sample *s, unsigned counts[SEPTUM_STATE_CRASHED + 1]);
/* What the sample could not read, one problem per failed call ("d1 (x):
 * statistics unknown: I/O error"): writes the index'th into buf and
 * returns how many there are. */
size_t top_problems(const struct top_sample *s, size_t index, char *buf, size_t size);

/* The domain table's columns, in display order. */
enum top_column {
    COL_ID,
    COL_NAME,
    COL_STATE,
    COL_VCPUS,
    COL_MEM,
    COL_CPU_TIME,
    COL_CPU_PCT,
    COL_EXITS,
    COL_IRQS,
    COL_HYPERCALLS,
    COL_CONSOLE,
    NR_COLUMNS
};

/* top_columns.c */
const char *top_column_heading(enum top_column c); /* short, for the screen */
int top_column_width(enum top_column c);           /* the name column's is its minimum */
bool top_column_numeric(enum top_column c);        /* right-aligned, busiest first */
/* The cell's text on the screen: compact, rates scaled with k/M suffixes,
 * "-" for a rate not known yet, "?" for a value that could not be read. */
void top_column_cell(const struct top_domain *d, enum top_column c, char *buf, size_t size);
/* Sorts s's domains by column c: numbers from the largest, text from A;
 * reversed on request; ties by id, so the order is stable. */
void top_sort(struct top_sample *s, enum top_column c, bool reversed);

/* Names come from guests: anything but printable ASCII (which would move
 * the cursor or break the columns) becomes '?'. src holds at most max. */
void top_printable(const char *src, size_t max, char *dst, size_t size);
void top_domain_name(const struct top_domain *d, char *buf, size_t size);
/* Cuts a name longer than width so that it ends in TOP_NAME_CUT: a cut
 * name is never taken for a whole one (another domain's, maybe). */
#define TOP_NAME_CUT '+'
void top_fit_name(char *name, int width);
/* The domain runs WFI natively: its CPU time counts its idle time. */
bool top_native_wfi(const struct top_domain *d);

/* Short forms shared by the screen and the batch output. */
void top_format_rate(double rate, char *buf, size_t size);   /* "12.3k", "-" */
void top_format_uptime(uint64_t ns, char *buf, size_t size); /* "3d 04:05:06" */
/* The state of a pCPU's vCPU: the domain's state unless it runs, then the
 * vCPU's power state. */
const char *top_pcpu_state(const struct top_domain *d, const struct septum_vcpu_info *v);

/* What the terminal shows, and what the keys change. */
enum top_screen { SCREEN_MAIN, SCREEN_DETAILS };
enum top_prompt { PROMPT_NONE, PROMPT_CONFIRM_PAUSE, PROMPT_DELAY };

struct top_view {
    enum top_screen screen;
    bool help; /* the key list, over either screen */
    enum top_prompt prompt;
    enum top_column sort;
    bool sort_reversed;
    bool all_devices; /* the device panel shows every domain's */
    bool utf8;        /* sparklines in block characters, else ASCII */
    bool full_names;  /* the domain table's names are never cut (-f) */
    double delay_s;

    /* The selected domain is remembered by id, so that it stays selected
     * when the order changes; its row stands in when it vanishes. */
    bool have_selection;
    uint32_t selected_domid;
    char selected_name[SEPTUM_NAME_MAX];
    size_t selected_row;
    size_t first_row; /* of the domain table, when it scrolls */

    uint32_t confirm_domid; /* PROMPT_CONFIRM_PAUSE: whom, and which way */
    char confirm_name[SEPTUM_NAME_MAX];
    bool confirm_unpause;
    char typed[16]; /* PROMPT_DELAY: what was typed so far */
    size_t typed_len;

    char message[160]; /* the last action's outcome, until the next key */
};

/* top_input.c: what the loop must do after a key. */
enum top_action {
    ACTION_NONE,    /* the view changed at most: draw it again */
    ACTION_REFRESH, /* take a new sample now */
    ACTION_PAUSE,   /* pause or unpause view->confirm_domid, as confirmed */
    ACTION_REDRAW,  /* repaint the whole terminal (Ctrl-L) */
    ACTION_QUIT,
};

void top_view_init(struct top_view *v, double delay_s, bool utf8);
/* Keeps the selection on a domain of s after a refresh or a sort. */
void top_view_follow(struct top_view *v, const struct top_sample *s);
enum top_action top_input_key(struct top_view *v, const struct top_sample *s, int key,
                              int page_rows);

/* top_render.c: draws the view of s on the curses screen (the main screen
 * itself, the others with top_details.c). Returns how many domain rows the
 * table showed, for paging. */
int top_render(struct top_view *v, const struct top_sample *s);

/* top_details.c: the selected domain's details, and the keys. */
void top_draw_details(struct top_view *v, const struct top_sample *s);
void top_draw_help(void);

/* top_draw.c: what the screens share. Text is ASCII (bytes are cells),
 * cut at `width` and at the screen's right edge. */
#define TOP_LINE_MAX 512
void top_put(int y, int x, int width, const char *text);
void top_putf(int y, int x, int width, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void top_bar(int y, const char *text); /* a full-width row in reverse video */
/* The last `width` refreshes of dev's activity from (y, x), newest on the
 * right, each scaled to the busiest of them. */
void top_sparkline(const struct top_view *v, const struct top_device *dev, int y, int x, int width);
/* The last row: the prompt, the last action's outcome, or key hints. */
void top_draw_status(const struct top_view *v, int row);
/* The selected domain, if it is in s. */
const struct top_domain *top_selected(const struct top_view *v, const struct top_sample *s);

/* top_batch.c */
enum top_csv_table { CSV_NONE, CSV_DOMAINS, CSV_PCPUS, CSV_DEVICES };
void top_batch_text(FILE *f, const struct top_sample *s);
void top_batch_csv(FILE *f, const struct top_sample *s, enum top_csv_table table);

#endif
