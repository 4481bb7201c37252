/* The verbs that move one domain through its life cycle: pause, unpause,
 * shutdown, reboot, destroy. Silent on success, like xl. Each looks at the
 * domain's state first, so that a refusal says why in the user's terms
 * rather than as the hypervisor's -EBUSY. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

#define DEFAULT_STOP_TIMEOUT_S 60

enum op { OP_PAUSE, OP_UNPAUSE, OP_SHUTDOWN, OP_REBOOT, OP_DESTROY };

/* As the refusals say it: "cannot be <done> from inside". */
static const char *const done[] = {"paused", "unpaused", "shut down", "rebooted", "destroyed"};

struct stop_request {
    bool force, wait;
    unsigned timeout_s;
};

/* Why op cannot apply to a domain in this state, or NULL if it can. */
static const char *refusal(enum op op, const struct stop_request *r, uint32_t state, char *buf,
                           size_t size)
{
    const char *name = septum_state_name(state);

    switch (op) {
    case OP_PAUSE:
        if (state == SEPTUM_STATE_PAUSED)
            return "it is already paused";
        if (state == SEPTUM_STATE_CREATED)
            return "it has not been started yet ('septum unpause' starts it)";
        if (state == SEPTUM_STATE_RUNNING)
            return NULL;
        snprintf(buf, size, "it is %s: only a running domain can be paused", name);
        return buf;
    case OP_UNPAUSE:
        if (state == SEPTUM_STATE_RUNNING)
            return "it is running, not paused";
        if (state == SEPTUM_STATE_PAUSED || state == SEPTUM_STATE_CREATED)
            return NULL;
        snprintf(buf, size, "it is %s: only a paused domain can be unpaused", name);
        return buf;
    case OP_SHUTDOWN:
    case OP_REBOOT:
        if (state == SEPTUM_STATE_RUNNING || (r->force && state == SEPTUM_STATE_PAUSED))
            return NULL;
        if (state == SEPTUM_STATE_PAUSED)
            return "it is paused and cannot answer: unpause it first, or use --force";
        if (state == SEPTUM_STATE_CREATED)
            return "it has not been started ('septum destroy' removes it)";
        snprintf(buf, size, "it is %s already", name);
        return buf;
    case OP_DESTROY:
        return NULL;
    }
    return NULL;
}

static double now_s(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Waits until the guest has done what it was asked: it stopped (gone, or
 * kept stopped by its on_poweroff/on_reboot) or restarted (its restart
 * count went up). */
static int wait_for_stop(const struct verb *v, struct septum *h, const char *domain, uint32_t domid,
                         bool reboot, const struct septum_domain_info *before, unsigned timeout_s)
{
    double deadline = now_s() + timeout_s;

    for (;;) {
        struct septum_domain_info info;
        int rc = septum_domain_info(h, domid, &info);

        if (rc == -ESRCH)
            return EXIT_OK;
        if (rc < 0)
            return fail(v, "%s: %s", domain, septum_strerror(rc));
        if (info.state == SEPTUM_STATE_CRASHED)
            return fail(v, "%s: it crashed while stopping: %.*s", domain,
                        (int)sizeof(info.crash_reason), info.crash_reason);
        if (info.restarts != before->restarts ||
            (info.state != SEPTUM_STATE_RUNNING && info.state != SEPTUM_STATE_PAUSED))
            return EXIT_OK;
        if (now_s() >= deadline)
            return fail(v,
                        "%s: not responding: still %s %u s after it was asked to %s (does the "
                        "guest handle the power key?); 'septum destroy %s' stops it at once, "
                        "'septum %s --force %s' as if it had asked",
                        domain, septum_state_name(info.state), timeout_s,
                        reboot ? "reboot" : "power off", domain, v->name, domain);
        nanosleep(&(struct timespec){0, POLL_INTERVAL_MS * 1000000L}, NULL);
    }
}

static int apply(struct septum *h, enum op op, const struct stop_request *r, uint32_t domid)
{
    switch (op) {
    case OP_PAUSE:
        return septum_domain_pause(h, domid);
    case OP_UNPAUSE:
        return septum_domain_unpause(h, domid);
    case OP_SHUTDOWN:
        return septum_domain_shutdown(
            h, domid, r->force ? SEPTUM_SHUTDOWN_POWEROFF : SEPTUM_SHUTDOWN_REQUEST_POWEROFF);
    case OP_REBOOT:
        return septum_domain_shutdown(
            h, domid, r->force ? SEPTUM_SHUTDOWN_REBOOT : SEPTUM_SHUTDOWN_REQUEST_REBOOT);
    case OP_DESTROY:
        return septum_domain_destroy(h, domid);
    }
    return -EINVAL;
}

static int run_op(const struct verb *v, const char *domain, enum op op,
                  const struct stop_request *r)
{
    struct septum_domain_info info;
    const char *why;
    struct septum *h;
    uint32_t domid;
    char buf[128];
    int rc = open_domain(v, domain, &h, &domid);

    if (rc)
        return rc;
    if (domid == SEPTUM_DOMID_CONTROL) {
        septum_close(h);
        return fail(v,
                    "%s: the control domain cannot be %s from inside (type 'poweroff' in it "
                    "to stop the machine)",
                    domain, done[op]);
    }
    rc = septum_domain_info(h, domid, &info);
    why = rc < 0 ? NULL : refusal(op, r, info.state, buf, sizeof(buf));
    if (why) {
        septum_close(h);
        return fail(v, "%s: %s", domain, why);
    }
    rc = apply(h, op, r, domid);
    if (rc < 0)
        rc = fail(v, "%s: %s", domain, septum_strerror(rc));
    else if (r->wait)
        rc = wait_for_stop(v, h, domain, domid, op == OP_REBOOT, &info, r->timeout_s);
    septum_close(h);
    return rc;
}

static int simple(const struct verb *v, int argc, char **argv, enum op op)
{
    static const struct stop_request none = {0};
    int rc = parse_plain_verb(v, argc, argv, 1, 1);

    return rc >= 0 ? rc : run_op(v, argv[optind], op, &none);
}

/* shutdown and reboot: [-w] [-t SECONDS] [-F] DOMAIN. */
static int stop(const struct verb *v, int argc, char **argv, enum op op)
{
    static const struct option opts[] = {
        {"wait", no_argument, NULL, 'w'},
        {"timeout", required_argument, NULL, 't'},
        {"force", no_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    struct stop_request r = {.timeout_s = DEFAULT_STOP_TIMEOUT_S};
    int opt;

    while ((opt = getopt_long(argc, argv, ":wt:Fh", opts, NULL)) != -1) {
        char *end;
        unsigned long n;

        switch (opt) {
        case 'w':
            r.wait = true;
            break;
        case 't':
            n = strtoul(optarg, &end, 10);
            if (end == optarg || *end || n == 0 || n > 86400)
                return usage_error(v, "--timeout takes seconds, 1 to 86400: '%s'", optarg);
            r.timeout_s = (unsigned)n;
            r.wait = true;
            break;
        case 'F':
            r.force = true;
            break;
        case 'h':
            return print_help(v);
        default:
            return bad_option(v, opt, argv);
        }
    }
    if (argc - optind != 1)
        return usage_error(v, argc == optind ? "missing argument" : "too many arguments");
    return run_op(v, argv[optind], op, &r);
}

int cmd_pause(const struct verb *v, int argc, char **argv)
{
    return simple(v, argc, argv, OP_PAUSE);
}

int cmd_unpause(const struct verb *v, int argc, char **argv)
{
    return simple(v, argc, argv, OP_UNPAUSE);
}

int cmd_shutdown(const struct verb *v, int argc, char **argv)
{
    return stop(v, argc, argv, OP_SHUTDOWN);
}

int cmd_reboot(const struct verb *v, int argc, char **argv)
{
    return stop(v, argc, argv, OP_REBOOT);
}

int cmd_destroy(const struct verb *v, int argc, char **argv)
{
    return simple(v, argc, argv, OP_DESTROY);
}
