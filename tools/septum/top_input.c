/* septum top's keys, after xentop and htop: each key changes the view, and
 * says what the loop must do next (sample, pause a domain, quit). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "top.h"

#define KEY_ESCAPE 27
#define KEY_CTRL_L 12
#define KEY_DEL 127
#define KEY_CTRL_H 8

void top_view_init(struct top_view *v, double delay_s, bool utf8)
{
    memset(v, 0, sizeof(*v));
    v->screen = SCREEN_MAIN;
    v->sort = COL_ID;
    v->delay_s = delay_s;
    v->utf8 = utf8;
}

static void select_row(struct top_view *v, const struct top_sample *s, size_t row)
{
    if (s->nr_domains == 0) {
        v->have_selection = false;
        v->selected_row = 0;
        return;
    }
    if (row >= s->nr_domains)
        row = s->nr_domains - 1;
    v->have_selection = true;
    v->selected_row = row;
    v->selected_domid = s->domains[row].info.domid;
    top_printable(s->domains[row].info.name, sizeof(s->domains[row].info.name), v->selected_name,
                  sizeof(v->selected_name));
}

void top_view_follow(struct top_view *v, const struct top_sample *s)
{
    if (s->list_err)
        return; /* nothing is known: nothing is gone either */
    for (size_t i = 0; v->have_selection && i < s->nr_domains; i++) {
        if (s->domains[i].info.domid == v->selected_domid) {
            v->selected_row = i;
            return;
        }
    }
    if (v->have_selection)
        snprintf(v->message, sizeof(v->message), "d%u (%s) is gone", v->selected_domid,
                 v->selected_name);
    /* The domain in its row stands in. */
    select_row(v, s, v->selected_row);
}

static void move_selection(struct top_view *v, const struct top_sample *s, long by)
{
    long row = (long)v->selected_row + by;

    select_row(v, s, row < 0 ? 0 : (size_t)row);
}

static void message(struct top_view *v, const char *text)
{
    snprintf(v->message, sizeof(v->message), "%s", text);
}

/* p: asks before pausing or unpausing the selected domain. */
static void ask_pause(struct top_view *v, const struct top_sample *s)
{
    const struct top_domain *d = v->have_selection ? top_find_domain(s, v->selected_domid) : NULL;

    if (!d) {
        message(v, "no domain selected");
        return;
    }
    if (d->info.domid == SEPTUM_DOMID_CONTROL) {
        /* It would stop this very monitor, and the hypervisor refuses. */
        snprintf(v->message, sizeof(v->message),
                 "d%u (%s) is the control domain: it cannot be paused", d->info.domid,
                 v->selected_name);
        return;
    }
    if (d->info.state != SEPTUM_STATE_RUNNING && d->info.state != SEPTUM_STATE_PAUSED) {
        snprintf(v->message, sizeof(v->message),
                 "d%u (%s) is %s: only a running domain pauses, only a paused one resumes",
                 d->info.domid, v->selected_name, septum_state_name(d->info.state));
        return;
    }
    v->prompt = PROMPT_CONFIRM_PAUSE;
    v->confirm_domid = d->info.domid;
    memcpy(v->confirm_name, v->selected_name, sizeof(v->confirm_name));
    v->confirm_unpause = d->info.state == SEPTUM_STATE_PAUSED;
}

static enum top_action confirm_key(struct top_view *v, int key)
{
    v->prompt = PROMPT_NONE;
    if (key == 'y' || key == 'Y')
        return ACTION_PAUSE;
    message(v, "cancelled");
    return ACTION_NONE;
}

static void apply_delay(struct top_view *v)
{
    char *end;
    double d = strtod(v->typed, &end);

    if (v->typed_len == 0)
        return; /* nothing typed: keep the delay */
    if (*end || d < TOP_DELAY_MIN_S || d > TOP_DELAY_MAX_S) {
        snprintf(v->message, sizeof(v->message), "bad delay '%s': give seconds from %.1f to %.0f",
                 v->typed, TOP_DELAY_MIN_S, TOP_DELAY_MAX_S);
        return;
    }
    v->delay_s = d;
    snprintf(v->message, sizeof(v->message), "refreshing every %.1f s", d);
}

static enum top_action delay_key(struct top_view *v, int key)
{
    if (key == '\n' || key == '\r' || key == KEY_ENTER) {
        v->prompt = PROMPT_NONE;
        apply_delay(v);
        return ACTION_REFRESH; /* from now on, at the new pace */
    }
    if (key == KEY_ESCAPE) {
        v->prompt = PROMPT_NONE;
        message(v, "cancelled");
    } else if (key == KEY_BACKSPACE || key == KEY_DEL || key == KEY_CTRL_H) {
        if (v->typed_len)
            v->typed[--v->typed_len] = 0;
    } else if (((key >= '0' && key <= '9') || key == '.') && v->typed_len + 1 < sizeof(v->typed)) {
        v->typed[v->typed_len++] = (char)key;
        v->typed[v->typed_len] = 0;
    }
    return ACTION_NONE;
}

static void change_sort(struct top_view *v, int by)
{
    v->sort = (enum top_column)(((int)v->sort + by + NR_COLUMNS) % NR_COLUMNS);
    v->sort_reversed = false;
}

/* Keys that mean the same on every screen. */
static bool common_key(struct top_view *v, const struct top_sample *s, int key, int page_rows,
                       enum top_action *action)
{
    long page = page_rows > 1 ? page_rows - 1 : 1;

    *action = ACTION_NONE;
    switch (key) {
    case 'q':
    case 'Q':
        *action = ACTION_QUIT;
        return true;
    case KEY_CTRL_L:
        *action = ACTION_REDRAW;
        return true;
    case ' ':
        *action = ACTION_REFRESH;
        return true;
    case KEY_RESIZE:
        return true;
    case KEY_UP:
    case 'k':
        move_selection(v, s, -1);
        return true;
    case KEY_DOWN:
    case 'j':
        move_selection(v, s, 1);
        return true;
    case KEY_PPAGE:
        move_selection(v, s, -page);
        return true;
    case KEY_NPAGE:
        move_selection(v, s, page);
        return true;
    case KEY_HOME:
        select_row(v, s, 0);
        return true;
    case KEY_END:
        select_row(v, s, s->nr_domains ? s->nr_domains - 1 : 0);
        return true;
    case 'h':
    case '?':
        v->help = true;
        return true;
    case 'p':
        ask_pause(v, s);
        return true;
    case 'd':
        v->prompt = PROMPT_DELAY;
        v->typed_len = 0;
        v->typed[0] = 0;
        return true;
    }
    return false;
}

enum top_action top_input_key(struct top_view *v, const struct top_sample *s, int key,
                              int page_rows)
{
    enum top_action action;

    v->message[0] = 0;
    if (v->prompt == PROMPT_CONFIRM_PAUSE)
        return confirm_key(v, key);
    if (v->prompt == PROMPT_DELAY)
        return delay_key(v, key);
    if (v->help) {
        /* Any key leaves the help, q included: it is what one tries. */
        v->help = key == KEY_RESIZE;
        return ACTION_NONE;
    }
    if (common_key(v, s, key, page_rows, &action))
        return action;
    switch (key) {
    case '\n':
    case '\r':
    case KEY_ENTER:
        v->screen = v->screen == SCREEN_DETAILS ? SCREEN_MAIN : SCREEN_DETAILS;
        break;
    case KEY_ESCAPE:
    case KEY_BACKSPACE:
        v->screen = SCREEN_MAIN;
        break;
    case 's':
    case KEY_RIGHT:
        change_sort(v, 1);
        break;
    case 'S':
    case KEY_LEFT:
        change_sort(v, -1);
        break;
    case 'r':
        v->sort_reversed = !v->sort_reversed;
        break;
    case 'a':
        v->all_devices = !v->all_devices;
        break;
    }
    return ACTION_NONE;
}
