/* top: the live monitor's verb. Options, then one of two loops: batch
 * (sample, print, sleep) or interactive (sample, draw, wait for a key or
 * the next refresh). */
#include <curses.h>
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "term_size.h"
#include "top.h"

#define DEFAULT_DELAY_S 3.0 /* as xentop */
#define ESCAPE_DELAY_MS 25  /* Esc alone, told from the start of an arrow key */

struct top_options {
    bool batch;
    enum top_csv_table csv;
    unsigned iterations; /* 0: until told to stop */
    double delay_s;
    bool ascii;
    bool full_names;
};

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* SIGINT, SIGTERM and SIGHUP end the loop, so that the terminal is given
 * back as it was found. No SA_RESTART: a waiting getch() or nanosleep()
 * returns at once. */
static void catch_stop_signals(void)
{
    struct sigaction sa = {.sa_handler = on_stop_signal};

    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int parse_options(const struct verb *v, int argc, char **argv, struct top_options *o)
{
    static const struct option opts[] = {
        {"batch", no_argument, NULL, 'b'},       {"iterations", required_argument, NULL, 'i'},
        {"delay", required_argument, NULL, 'd'}, {"csv", optional_argument, NULL, 'c'},
        {"ascii", no_argument, NULL, 'a'},       {"full-names", no_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},        {0}};
    char *end;
    int opt;

    *o = (struct top_options){.delay_s = DEFAULT_DELAY_S};
    while ((opt = getopt_long(argc, argv, ":bi:d:fh", opts, NULL)) != -1) {
        switch (opt) {
        case 'b':
            o->batch = true;
            break;
        case 'i': {
            unsigned long n = strtoul(optarg, &end, 10);

            if (*end || end == optarg || optarg[0] == '-' || n == 0 || n > 1000000)
                return usage_error(v, "bad iteration count '%s'", optarg);
            o->iterations = (unsigned)n;
            break;
        }
        case 'd':
            o->delay_s = strtod(optarg, &end);
            if (*end || end == optarg ||
                !(o->delay_s >= TOP_DELAY_MIN_S && o->delay_s <= TOP_DELAY_MAX_S))
                return usage_error(v, "bad delay '%s': give seconds from %.1f to %.0f", optarg,
                                   TOP_DELAY_MIN_S, TOP_DELAY_MAX_S);
            break;
        case 'c':
            if (!optarg || strcmp(optarg, "domains") == 0)
                o->csv = CSV_DOMAINS;
            else if (strcmp(optarg, "pcpus") == 0)
                o->csv = CSV_PCPUS;
            else if (strcmp(optarg, "devices") == 0)
                o->csv = CSV_DEVICES;
            else
                return usage_error(v, "bad CSV table '%s': domains, pcpus or devices", optarg);
            o->batch = true;
            break;
        case 'a':
            o->ascii = true;
            break;
        case 'f':
            o->full_names = true;
            break;
        case 'h':
            return print_help(v);
        default:
            return bad_option(v, opt, argv);
        }
    }
    if (optind != argc)
        return usage_error(v, "too many arguments");
    return -1;
}

static void sleep_s(double seconds)
{
    struct timespec ts = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};

    nanosleep(&ts, NULL); /* a stop signal cuts it short */
}

static int run_batch(const struct verb *v, struct septum *h, const struct top_options *o)
{
    struct top_sample prev = {0}, cur;
    bool blind = false; /* some sample could not read the host or the domains */
    int rc = 0;

    for (unsigned n = 0; !stop_requested && (!o->iterations || n < o->iterations); n++) {
        if (n)
            sleep_s(o->delay_s);
        if (stop_requested)
            break;
        rc = top_sample_take(h, n ? &prev : NULL, &cur);
        if (rc < 0)
            break;
        blind |= cur.phys_err || cur.list_err;
        top_sort(&cur, COL_ID, false);
        if (o->csv)
            top_batch_csv(stdout, &cur, o->csv);
        else
            top_batch_text(stdout, &cur);
        fflush(stdout);
        top_sample_free(&prev);
        prev = cur;
    }
    top_sample_free(&prev);
    if (rc < 0)
        return fail(v, "%s", septum_strerror(rc));
    return blind ? EXIT_FAILED : EXIT_OK;
}

/* The interactive session's state, for the helpers of its loop. */
struct session {
    struct septum *h;
    struct top_view view;
    struct top_sample sample;
};

static int resample(struct session *s)
{
    struct top_sample next;
    int rc = top_sample_take(s->h, &s->sample, &next);

    if (rc < 0)
        return rc;
    top_sample_free(&s->sample);
    s->sample = next;
    top_sort(&s->sample, s->view.sort, s->view.sort_reversed);
    top_view_follow(&s->view, &s->sample);
    return 0;
}

static void pause_confirmed(struct session *s)
{
    struct top_view *v = &s->view;
    int rc = v->confirm_unpause ? septum_domain_unpause(s->h, v->confirm_domid)
                                : septum_domain_pause(s->h, v->confirm_domid);

    if (rc < 0)
        snprintf(v->message, sizeof(v->message), "cannot %s d%u (%s): %s",
                 v->confirm_unpause ? "unpause" : "pause", v->confirm_domid, v->confirm_name,
                 septum_strerror(rc));
    else
        snprintf(v->message, sizeof(v->message), "%s d%u (%s)",
                 v->confirm_unpause ? "unpaused" : "paused", v->confirm_domid, v->confirm_name);
}

/* Milliseconds until the next refresh is due; 0 when it is. */
static int wait_ms(const struct session *s)
{
    uint64_t due = s->sample.taken_ns + (uint64_t)(s->view.delay_s * 1e9), now = now_ns();

    return now >= due ? 0 : (int)((due - now + 999999) / 1000000);
}

/* Ctrl-L: a serial terminal may have been resized without telling anyone:
 * ask it, and draw the whole screen again at whatever size it has. */
static void redraw_at_size(void)
{
    struct winsize ws;

    if (term_size_ask(STDIN_FILENO) && ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0)
        resizeterm(ws.ws_row, ws.ws_col);
    clearok(curscr, TRUE);
}

static int interact(struct session *s, const struct top_options *o)
{
    int page_rows = 1, rc = 0;

    for (;;) {
        enum top_action action;
        int key, ms;

        page_rows = top_render(&s->view, &s->sample);
        ms = wait_ms(s);
        if (ms > 0) {
            timeout(ms);
            key = getch();
        } else {
            key = ERR;
        }
        if (stop_requested)
            return 0;
        if (key == ERR) {
            if (wait_ms(s) > 0)
                continue; /* woken early, by a signal */
            if (o->iterations && s->sample.number >= o->iterations)
                return 0;
            rc = resample(s);
            if (rc < 0)
                return rc;
            continue;
        }
        action = top_input_key(&s->view, &s->sample, key, page_rows);
        if (action == ACTION_QUIT)
            return 0;
        if (action == ACTION_REDRAW)
            redraw_at_size();
        if (action == ACTION_PAUSE)
            pause_confirmed(s);
        if (action == ACTION_PAUSE || action == ACTION_REFRESH) {
            char message[sizeof(s->view.message)];

            /* The outcome stays on show over the refresh that follows. */
            memcpy(message, s->view.message, sizeof(message));
            rc = resample(s);
            if (rc < 0)
                return rc;
            if (message[0])
                memcpy(s->view.message, message, sizeof(message));
        } else {
            top_sort(&s->sample, s->view.sort, s->view.sort_reversed);
            top_view_follow(&s->view, &s->sample);
        }
    }
}

static bool locale_is_utf8(void)
{
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

static int run_interactive(const struct verb *v, struct septum *h, const struct top_options *o)
{
    struct session s = {.h = h};
    const char *term = getenv("TERM");
    SCREEN *screen;
    int rc;

    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return fail(v, "not a terminal: use -b (text) or --csv for scripts");
    if (!term || !*term)
        return fail(v, "TERM is not set: set it to your terminal's type (vt100, xterm, linux), "
                       "or use -b");
    setlocale(LC_ALL, "");
    top_view_init(&s.view, o->delay_s, !o->ascii && locale_is_utf8());
    s.view.full_names = o->full_names;
    rc = top_sample_take(h, NULL, &s.sample);
    if (rc < 0)
        return fail(v, "%s", septum_strerror(rc));
    top_view_follow(&s.view, &s.sample);

    term_size_ask(STDIN_FILENO);
    /* newterm(), unlike initscr(), reports an unknown terminal type rather
     * than exiting. */
    screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        top_sample_free(&s.sample);
        return fail(v, "cannot use terminal type '%s' (no terminfo entry?): try TERM=vt100, or -b",
                    term);
    }
    catch_stop_signals();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(ESCAPE_DELAY_MS);
    curs_set(0); /* may fail on a terminal that cannot hide it: harmless */

    rc = interact(&s, o);

    endwin();
    delscreen(screen);
    top_sample_free(&s.sample);
    if (rc < 0)
        return fail(v, "%s", septum_strerror(rc));
    return EXIT_OK;
}

int cmd_top(const struct verb *v, int argc, char **argv)
{
    struct top_options o;
    struct septum *h;
    int rc = parse_options(v, argc, argv, &o);

    if (rc >= 0)
        return rc;
    rc = open_hypervisor(v, &h);
    if (rc)
        return rc;
    if (o.batch) {
        catch_stop_signals();
        rc = run_batch(v, h, &o);
    } else {
        rc = run_interactive(v, h, &o);
    }
    septum_close(h);
    return rc;
}
