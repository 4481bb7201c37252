/* One domain at a glance, as virsh has it: dominfo, domstate, domid,
 * domname. A kept definition that is not running answers too: its state
 * is "shut off" and it has no id ("-"). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kept.h"

/* The state as virsh words it for a kept domain that does not run. */
#define SHUT_OFF "shut off"

/* Looks the domain up; *running is false (and no error reported) for a
 * name only a kept definition has. */
static int find(const struct verb *v, const char *text, struct septum **h, uint32_t *domid,
                bool *running)
{
    int rc = open_hypervisor(v, h);

    if (rc)
        return rc;
    rc = septum_domain_lookup(*h, text, domid);
    *running = rc == 0;
    if (rc == -ESRCH && kept_exists(text))
        return EXIT_OK;
    if (rc < 0) {
        septum_close(*h);
        return fail(v, "%s: %s", text, septum_strerror(rc));
    }
    return EXIT_OK;
}

static void print_pcpus(struct septum *h, uint32_t domid)
{
    struct septum_vcpu_info vcpus[SEPTUM_MAX_VCPUS];
    size_t n;

    printf("%-16s", "pCPUs:");
    if (septum_vcpu_info(h, domid, vcpus, SEPTUM_MAX_VCPUS, &n) < 0)
        n = 0;
    for (size_t i = 0; i < n && i < SEPTUM_MAX_VCPUS; i++)
        printf("%s%u", i ? "," : "", vcpus[i].pcpu);
    printf("%s\n", n ? "" : "-");
}

static void print_info(struct septum *h, const struct septum_domain_info *d)
{
    struct septum_physinfo p = {0};
    uint64_t up;

    septum_physinfo(h, &p);
    up = p.uptime_ns > d->created_ns ? p.uptime_ns - d->created_ns : 0;
    printf("%-16s%u\n", "Id:", d->domid);
    printf("%-16s%.*s\n", "Name:", (int)sizeof(d->name), d->name);
    printf("%-16s%s\n", "State:", septum_state_name(d->state));
    printf("%-16s%u\n", "vCPUs:", d->nr_vcpus);
    print_pcpus(h, d->domid);
    printf("%-16s%.1fs\n", "CPU time:", (double)d->cpu_time_ns / 1e9);
    printf("%-16s%llu MiB\n", "Memory:", (unsigned long long)(d->mem_size / MIB));
    printf("%-16s%.1fs\n", "Uptime:", (double)up / 1e9);
    printf("%-16s%u\n", "Restarts:", d->restarts);
    printf("%-16s%s\n", "Persistent:", kept_exists(d->name) ? "yes" : "no");
    if (d->crash_reason[0])
        printf("%-16s%.*s\n", "Crash reason:", (int)sizeof(d->crash_reason), d->crash_reason);
}

int cmd_dominfo(const struct verb *v, int argc, char **argv)
{
    int rc = parse_plain_verb(v, argc, argv, 1, 1);
    struct septum_domain_info info;
    struct septum *h;
    uint32_t domid;
    bool running;

    if (rc >= 0)
        return rc;
    rc = find(v, argv[optind], &h, &domid, &running);
    if (rc)
        return rc;
    if (!running) {
        printf("%-16s-\n%-16s%s\n%-16s%s\n%-16syes\n", "Id:", "Name:", argv[optind],
               "State:", SHUT_OFF, "Persistent:");
    } else if ((rc = septum_domain_info(h, domid, &info)) < 0) {
        rc = fail(v, "%s: %s", argv[optind], septum_strerror(rc));
    } else {
        print_info(h, &info);
        rc = EXIT_OK;
    }
    septum_close(h);
    return rc;
}

int cmd_domstate(const struct verb *v, int argc, char **argv)
{
    int rc = parse_plain_verb(v, argc, argv, 1, 1);
    struct septum_domain_info info;
    struct septum *h;
    uint32_t domid;
    bool running;

    if (rc >= 0)
        return rc;
    rc = find(v, argv[optind], &h, &domid, &running);
    if (rc)
        return rc;
    if (!running)
        printf("%s\n", SHUT_OFF);
    else if ((rc = septum_domain_info(h, domid, &info)) < 0)
        rc = fail(v, "%s: %s", argv[optind], septum_strerror(rc));
    else if (info.state == SEPTUM_STATE_CRASHED && info.crash_reason[0])
        printf("crashed (%.*s)\n", (int)sizeof(info.crash_reason), info.crash_reason);
    else
        printf("%s\n", septum_state_name(info.state));
    septum_close(h);
    return rc;
}

int cmd_domid(const struct verb *v, int argc, char **argv)
{
    int rc = parse_plain_verb(v, argc, argv, 1, 1);
    struct septum *h;
    uint32_t domid;
    bool running;

    if (rc >= 0)
        return rc;
    rc = find(v, argv[optind], &h, &domid, &running);
    if (rc)
        return rc;
    if (running)
        printf("%u\n", domid);
    else
        printf("-\n");
    septum_close(h);
    return EXIT_OK;
}

int cmd_domname(const struct verb *v, int argc, char **argv)
{
    int rc = parse_plain_verb(v, argc, argv, 1, 1);
    char name[SEPTUM_NAME_MAX];
    struct septum *h;
    uint32_t domid;

    if (rc >= 0)
        return rc;
    rc = open_domain(v, argv[optind], &h, &domid);
    if (rc)
        return rc;
    printf("%s\n", domain_name(h, domid, name));
    septum_close(h);
    return EXIT_OK;
}
