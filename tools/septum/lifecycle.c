/* The verbs that move one domain through its life cycle: pause, unpause,
 * shutdown, reboot, destroy. Silent on success, like xl. */
#include <getopt.h>

#include "cli.h"

typedef int (*domain_op)(struct septum *h, uint32_t domid);

static int run_op(const struct verb *v, int argc, char **argv, domain_op op)
{
    int rc = parse_plain_verb(v, argc, argv, 1, 1);
    const char *domain = argv[optind];
    struct septum *h;
    uint32_t domid;

    if (rc >= 0)
        return rc;
    rc = open_domain(v, domain, &h, &domid);
    if (rc)
        return rc;
    rc = op(h, domid);
    septum_close(h);
    return rc < 0 ? fail(v, "%s: %s", domain, septum_strerror(rc)) : EXIT_OK;
}

static int power_off(struct septum *h, uint32_t domid)
{
    return septum_domain_shutdown(h, domid, SEPTUM_SHUTDOWN_POWEROFF);
}

static int restart(struct septum *h, uint32_t domid)
{
    return septum_domain_shutdown(h, domid, SEPTUM_SHUTDOWN_REBOOT);
}

int cmd_pause(const struct verb *v, int argc, char **argv)
{
    return run_op(v, argc, argv, septum_domain_pause);
}

int cmd_unpause(const struct verb *v, int argc, char **argv)
{
    return run_op(v, argc, argv, septum_domain_unpause);
}

int cmd_shutdown(const struct verb *v, int argc, char **argv)
{
    return run_op(v, argc, argv, power_off);
}

int cmd_reboot(const struct verb *v, int argc, char **argv)
{
    return run_op(v, argc, argv, restart);
}

int cmd_destroy(const struct verb *v, int argc, char **argv)
{
    return run_op(v, argc, argv, septum_domain_destroy);
}
