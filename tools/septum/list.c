/* The tables: list (domains) and vcpu-list. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "kept.h"

#define NAME_WIDTH (SEPTUM_NAME_MAX - 1)

static double seconds(uint64_t ns)
{
    return (double)ns / 1e9;
}

static int by_domid(const void *a, const void *b)
{
    const struct septum_domain_info *x = a, *y = b;

    return (x->domid > y->domid) - (x->domid < y->domid);
}

/* Memory a domain costs beyond its RAM, in KiB: copies of its loaded
 * images and the hypervisor's tables for it; 0 if it went away meanwhile. */
static uint64_t overhead_kib(struct septum *h, uint32_t domid)
{
    struct septum_domain_stats s;

    if (septum_domain_stats(h, domid, &s) < 0)
        return 0;
    return (s.mem_boot_copies + s.mem_hypervisor) >> 10;
}

static void print_table(struct septum *h, const struct septum_domain_info *list, size_t n, bool lng,
                        uint64_t uptime_ns)
{
    printf("%-*s %5s %8s %5s %-13s %9s", NAME_WIDTH, "Name", "ID", "Mem(MiB)", "VCPUs", "State",
           "Time(s)");
    if (lng)
        printf(" %9s %8s %10s %s", "Up(s)", "Restarts", "Extra(KiB)", "Reason");
    printf("\n");
    for (size_t i = 0; i < n; i++) {
        const struct septum_domain_info *d = &list[i];

        printf("%-*.*s %5u %8llu %5u %-13s %9.1f", NAME_WIDTH, (int)sizeof(d->name), d->name,
               d->domid, (unsigned long long)(d->mem_size / MIB), d->nr_vcpus,
               septum_state_name(d->state), seconds(d->cpu_time_ns));
        if (lng)
            printf(" %9.1f %8u %10llu %.*s",
                   seconds(uptime_ns > d->created_ns ? uptime_ns - d->created_ns : 0), d->restarts,
                   (unsigned long long)overhead_kib(h, d->domid), (int)sizeof(d->crash_reason),
                   d->crash_reason[0] ? d->crash_reason : "-");
        printf("\n");
    }
}

/* Whether a kept definition is of a live domain (which is listed already). */
static bool live(const struct septum_domain_info *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strncmp(list[i].name, name, sizeof(list[i].name)) == 0)
            return true;
    return false;
}

/* list --all: the kept definitions that do not run, as virsh shows them. */
static void print_kept(const struct septum_domain_info *list, size_t n, bool json, char **kept,
                       size_t nr_kept)
{
    bool first = n == 0;

    for (size_t i = 0; i < nr_kept; i++) {
        if (live(list, n, kept[i]))
            continue;
        if (!json) {
            printf("%-*s %5s %8s %5s %-13s %9s\n", NAME_WIDTH, kept[i], "-", "-", "-", "shut off",
                   "-");
            continue;
        }
        printf("%s\n  {\"id\": null, \"name\": ", first ? "" : ",");
        json_string(stdout, kept[i], strlen(kept[i]) + 1);
        printf(", \"state\": \"shut off\"}");
        first = false;
    }
}

/* The live domains' entries of the JSON array, without its brackets. */
static void print_json(const struct septum_domain_info *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct septum_domain_info *d = &list[i];

        printf("%s\n  {\"id\": %u, \"name\": ", i ? "," : "", d->domid);
        json_string(stdout, d->name, sizeof(d->name));
        printf(", \"state\": \"%s\", \"mem_bytes\": %llu, \"vcpus\": %u, "
               "\"cpu_time_ns\": %llu, \"created_ns\": %llu, \"restarts\": %u, "
               "\"crash_reason\": ",
               septum_state_name(d->state), (unsigned long long)d->mem_size, d->nr_vcpus,
               (unsigned long long)d->cpu_time_ns, (unsigned long long)d->created_ns, d->restarts);
        json_string(stdout, d->crash_reason, sizeof(d->crash_reason));
        printf("}");
    }
}

int cmd_list(const struct verb *v, int argc, char **argv)
{
    static const struct option opts[] = {{"all", no_argument, NULL, 'a'},
                                         {"long", no_argument, NULL, 'l'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    struct septum_domain_info *list = NULL;
    struct septum_physinfo p = {0};
    bool lng = false, json = false, all = false;
    char **kept = NULL;
    size_t nr_kept = 0;
    struct septum *h;
    size_t n;
    int opt, rc;

    while ((opt = getopt_long(argc, argv, ":alh", opts, NULL)) != -1) {
        if (opt == 'a')
            all = true;
        else if (opt == 'l')
            lng = true;
        else if (opt == 'j')
            json = true;
        else if (opt == 'h')
            return print_help(v);
        else
            return bad_option(v, opt, argv);
    }
    if (optind != argc)
        return usage_error(v, "too many arguments");
    if (lng && json)
        return usage_error(v, "-l and --json do not go together");
    rc = open_hypervisor(v, &h);
    if (rc)
        return rc;
    rc = septum_domain_list_all(h, &list, &n);
    if (rc >= 0 && lng)
        rc = septum_physinfo(h, &p); /* for uptimes */
    if (rc < 0) {
        septum_close(h);
        free(list);
        return fail(v, "%s", septum_strerror(rc));
    }
    qsort(list, n, sizeof(*list), by_domid);
    if (all)
        kept_names(&kept, &nr_kept); /* none readable: none kept */
    if (json)
        printf("[");
    if (json)
        print_json(list, n);
    else
        print_table(h, list, n, lng, p.uptime_ns);
    print_kept(list, n, json, kept, nr_kept);
    if (json)
        printf("%s]\n", n || nr_kept ? "\n" : "");
    kept_names_free(kept, nr_kept);
    septum_close(h);
    free(list);
    return EXIT_OK;
}

static void print_vcpu_header(void)
{
    printf("%-*s %5s %4s %4s %-8s %9s", NAME_WIDTH, "Name", "ID", "VCPU", "CPU", "State",
           "Time(s)");
    for (uint32_t c = 0; c < SEPTUM_EXIT_CAUSES; c++) {
        char head[16];
        size_t i = 0;

        for (const char *s = septum_exit_name(c); *s && i < sizeof(head) - 1; s++)
            head[i++] = (char)toupper((unsigned char)*s);
        head[i] = 0;
        printf(" %10s", head);
    }
    printf("\n");
}

/* Prints one domain's vCPUs; a domain that went away meanwhile is skipped. */
static int print_vcpus(struct septum *h, const struct septum_domain_info *d)
{
    struct septum_vcpu_info vcpus[SEPTUM_MAX_VCPUS];
    size_t n;
    int rc = septum_vcpu_info(h, d->domid, vcpus, SEPTUM_MAX_VCPUS, &n);

    if (rc == -ESRCH)
        return 0;
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n && i < SEPTUM_MAX_VCPUS; i++) {
        const struct septum_vcpu_info *c = &vcpus[i];

        printf("%-*.*s %5u %4u %4u %-8s %9.1f", NAME_WIDTH, (int)sizeof(d->name), d->name, d->domid,
               c->vcpu, c->pcpu, septum_vcpu_power_name(c->power), seconds(c->time_ns));
        for (uint32_t e = 0; e < SEPTUM_EXIT_CAUSES; e++)
            printf(" %10llu", (unsigned long long)c->exits[e]);
        printf("\n");
    }
    return 0;
}

/* The list holding just one domain, as septum_domain_list_all() would. */
static int one_domain(struct septum *h, uint32_t domid, struct septum_domain_info **list, size_t *n)
{
    *list = calloc(1, sizeof(**list));
    if (!*list)
        return -ENOMEM;
    *n = 1;
    return septum_domain_info(h, domid, *list);
}

int cmd_vcpu_list(const struct verb *v, int argc, char **argv)
{
    int rc = parse_plain_verb(v, argc, argv, 0, 1);
    const char *domain = argv[optind];
    struct septum_domain_info *list = NULL;
    struct septum *h;
    uint32_t domid;
    size_t n = 0;

    if (rc >= 0)
        return rc;
    rc = open_hypervisor(v, &h);
    if (rc)
        return rc;
    if (domain)
        rc = lookup_domain(v, h, domain, &domid);
    if (!rc) {
        int err = domain ? one_domain(h, domid, &list, &n) : septum_domain_list_all(h, &list, &n);

        if (err >= 0) {
            qsort(list, n, sizeof(*list), by_domid);
            print_vcpu_header();
        }
        for (size_t i = 0; i < n && err >= 0; i++)
            err = print_vcpus(h, &list[i]);
        if (err < 0)
            rc = fail(v, "%s", septum_strerror(err));
    }
    free(list);
    septum_close(h);
    return rc;
}
