/* septum top's drawing primitives, shared by its screens: text cut at the
 * screen's edge, reverse-video bars, sparklines, and the status row. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>

#include "top.h"

static const char *const spark_utf8[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
static const char spark_ascii[] = "_.-:=+*#";
#define SPARK_LEVELS 8

void top_put(int y, int x, int width, const char *text)
{
    int room = COLS - x;

    if (y < 0 || y >= LINES || room <= 0)
        return;
    mvaddnstr(y, x, text, width < room ? width : room);
}

void top_putf(int y, int x, int width, const char *fmt, ...)
{
    char line[TOP_LINE_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    top_put(y, x, width, line);
}

void top_bar(int y, const char *text)
{
    attron(A_REVERSE);
    move(y, 0);
    hline(' ', COLS);
    top_put(y, 0, COLS, text);
    attroff(A_REVERSE);
}

/* One glyph a refresh; ' ' where no rate was known. */
void top_sparkline(const struct top_view *v, const struct top_device *dev, int y, int x, int width)
{
    unsigned n = dev->history_len < (unsigned)width ? dev->history_len : (unsigned)width;
    const double *h = dev->history + (dev->history_len - n);
    double max = 0;

    for (unsigned i = 0; i < n; i++)
        if (h[i] > max)
            max = h[i];
    move(y, x);
    for (unsigned i = 0; i < n; i++) {
        int level = 0;

        if (!rate_known(h[i])) {
            addch(' ');
            continue;
        }
        /* Only zero gets the lowest glyph: any activity at all shows. */
        if (h[i] > 0)
            level = 1 + (int)(h[i] / max * (SPARK_LEVELS - 2) + 0.5);
        if (v->utf8)
            addstr(spark_utf8[level]);
        else
            addch((chtype)(unsigned char)spark_ascii[level]);
    }
}

const struct top_domain *top_selected(const struct top_view *v, const struct top_sample *s)
{
    return v->have_selection ? top_find_domain(s, v->selected_domid) : NULL;
}

void top_draw_status(const struct top_view *v, int row)
{
    char line[TOP_LINE_MAX];

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
        snprintf(line, sizeof(line),
                 "q quit  h help  Enter details  s/S sort  p pause  d delay"
                 "  a devices");
    top_bar(row, line);
}
