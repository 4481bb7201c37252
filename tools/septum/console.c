/* console: a domain's console on ours. Output comes from the domain's
 * console ring, polled; what we type goes to the domain's input. */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "terminal.h"

#define DETACH_KEY 0x1d /* Ctrl-] */
/* After the end of stdin, how many polls we wait for a domain that takes
 * none of the remaining input before giving up on it. */
#define STALLED_POLLS_MAX 40

struct session {
    struct septum *h;
    uint32_t domid;
    uint64_t pos; /* in the console ring */
    bool tty;     /* stdin is a terminal: raw mode, Ctrl-] detaches */
    char in[256]; /* input not yet accepted by the domain: in[off .. off+len) */
    size_t in_off, in_len;
    bool eof, detach;
};

/* Reads the ring up to its end, printing what it holds unless `print` is
 * false (to start from now on). */
static int drain(struct session *s, bool print)
{
    char buf[4096];
    int n;

    while ((n = septum_console_read(s->h, s->domid, buf, sizeof(buf), &s->pos)) > 0)
        if (print)
            write_stdout(buf, (size_t)n);
    return n;
}

static void read_input(struct session *s)
{
    ssize_t n = read(STDIN_FILENO, s->in, sizeof(s->in));
    char *key;

    if (n < 0 && errno == EINTR)
        return;
    if (n <= 0) {
        s->eof = true;
        return;
    }
    s->in_off = 0;
    s->in_len = (size_t)n;
    key = s->tty ? memchr(s->in, DETACH_KEY, s->in_len) : NULL;
    if (key) {
        s->detach = true;
        s->in_len = (size_t)(key - s->in);
    }
}

/* Returns the bytes the domain accepted, or a negative errno. */
static int send_input(struct session *s)
{
    int n;

    if (!s->in_len)
        return 0;
    n = septum_console_write(s->h, s->domid, s->in + s->in_off, s->in_len);
    if (n > 0) {
        s->in_off += (size_t)n;
        s->in_len -= (size_t)n;
    }
    return n;
}

/* Runs until detach, a signal, or the end of stdin once its input is in.
 * Returns 0, -EAGAIN when the domain would not take input, or an errno. */
static int run_session(struct session *s)
{
    unsigned stalled = 0;

    for (;;) {
        struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
        bool want_input = !s->in_len && !s->eof;
        int rc = drain(s, true);

        if (rc < 0)
            return rc;
        if (s->detach || terminal_signalled() || (s->eof && !s->in_len))
            return 0;
        if (stalled > STALLED_POLLS_MAX)
            return -EAGAIN;
        /* With input pending, this only waits: stdin is read once the
         * domain has taken what we have. */
        if (poll(&in, want_input ? 1 : 0, POLL_INTERVAL_MS) > 0)
            read_input(s);
        rc = send_input(s);
        if (rc < 0)
            return rc;
        stalled = s->eof && s->in_len && rc == 0 ? stalled + 1 : 0;
    }
}

int attach_console(const struct verb *v, struct septum *h, uint32_t domid, bool from_now)
{
    struct session s = {.h = h, .domid = domid, .tty = isatty(STDIN_FILENO)};
    int rc = from_now ? drain(&s, false) : 0;

    if (rc >= 0 && s.tty)
        rc = terminal_raw();
    if (rc < 0)
        return fail(v, "d%u: %s", domid, septum_strerror(rc));
    /* As xl and virsh do: the one key that is not the domain's. */
    if (s.tty)
        fprintf(stderr, "Escape character is '^]'\r\n");
    rc = run_session(&s);
    if (s.tty) {
        terminal_restore();
        write_stdout("\n", 1);
    }
    if (rc == -ESRCH) {
        fprintf(stderr, "septum: %s: d%u is gone\n", v->name, domid);
        return EXIT_OK;
    }
    if (rc == -EAGAIN)
        return fail(v, "d%u does not read its console input (%zu bytes left)", domid, s.in_len);
    if (rc < 0)
        return fail(v, "d%u: %s", domid, septum_strerror(rc));
    return EXIT_OK;
}

int cmd_console(const struct verb *v, int argc, char **argv)
{
    static const struct option opts[] = {{"new", no_argument, NULL, 'n'},
                                         {"dump", no_argument, NULL, 'd'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    bool from_now = false, dump = false;
    struct septum *h;
    uint32_t domid;
    int opt, rc;

    while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (opt == 'n')
            from_now = true;
        else if (opt == 'd')
            dump = true;
        else if (opt == 'h')
            return print_help(v);
        else
            return bad_option(v, opt, argv);
    }
    if (argc - optind != 1)
        return usage_error(v, argc == optind ? "missing argument" : "too many arguments");
    if (from_now && dump)
        return usage_error(v, "--new and --dump do not go together");
    rc = open_domain(v, argv[optind], &h, &domid);
    if (rc)
        return rc;
    if (dump) {
        struct session s = {.h = h, .domid = domid};
        int err = drain(&s, true);

        if (err < 0)
            rc = fail(v, "%s: %s", argv[optind], septum_strerror(err));
    } else {
        rc = attach_console(v, h, domid, from_now);
    }
    septum_close(h);
    return rc;
}
