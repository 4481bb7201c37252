/* The verbs about the host rather than one domain: version, info, dmesg. */
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int cmd_version(const struct verb *v, int argc, char **argv)
{
    struct septum *h;
    uint32_t abi;
    int rc = parse_plain_verb(v, argc, argv, 0, 0);

    if (rc >= 0)
        return rc;
    printf("septum tools %s (ABI %u.%u)\n", SEPTUM_TOOLS_VERSION, SEPTUM_ABI_MAJOR,
           SEPTUM_ABI_MINOR);
    fflush(stdout);
    /* No ABI check: telling a mismatch is what this verb is for. */
    rc = open_device(v, &h);
    if (rc)
        return rc;
    rc = septum_version(h, &abi);
    septum_close(h);
    if (rc < 0)
        return fail(v, "%s", septum_strerror(rc));
    printf("hypervisor ABI %u.%u\n", abi >> 16, abi & 0xffff);
    return EXIT_OK;
}

static const char *owner_name(const struct septum_domain_info *list, size_t n, uint32_t domid)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].domid == domid)
            return list[i].name;
    return "?";
}

/* Where each domain's share of memory goes, so that free memory adds up:
 * its RAM (in how many physical extents), the copies of its loaded images
 * kept to restart it (both out of the free memory `info` shows), and the
 * hypervisor's tables for it. */
static void print_memory(struct septum *h, const struct septum_domain_info *list, size_t n)
{
    printf("\n%5s %-16s %9s %7s %12s %11s\n", "ID", "Domain", "RAM(MiB)", "Extents", "Copies(KiB)",
           "Tables(KiB)");
    for (size_t i = 0; i < n; i++) {
        struct septum_domain_stats s;

        if (septum_domain_stats(h, list[i].domid, &s) < 0)
            continue; /* destroyed since the list was taken */
        printf("%5u %-16.*s %9llu %7u %12llu %11llu\n", list[i].domid, SEPTUM_NAME_MAX,
               list[i].name, (unsigned long long)(list[i].mem_size / MIB), s.nr_ram_extents,
               (unsigned long long)(s.mem_boot_copies >> 10),
               (unsigned long long)(s.mem_hypervisor >> 10));
    }
}

static void print_info(const struct septum_physinfo *p, const struct septum_domain_info *list,
                       size_t n)
{
    uint32_t nr = p->nr_pcpus < SEPTUM_MAX_PCPUS ? p->nr_pcpus : SEPTUM_MAX_PCPUS;
    uint32_t free_pcpus = 0;

    for (uint32_t i = 0; i < nr; i++)
        free_pcpus += p->pcpu_owner[i] == SEPTUM_PCPU_FREE;
    printf("%-14s: %u.%u\n", "abi_version", p->abi_version >> 16, p->abi_version & 0xffff);
    printf("%-14s: %u\n", "nr_cpus", p->nr_pcpus);
    printf("%-14s: %u\n", "free_cpus", free_pcpus);
    printf("%-14s: %llu MiB\n", "total_memory", (unsigned long long)(p->mem_total / MIB));
    printf("%-14s: %llu MiB\n", "free_memory", (unsigned long long)(p->mem_free / MIB));
    printf("%-14s: %llu MiB\n", "largest_free", (unsigned long long)(p->mem_largest_free / MIB));
    printf("%-14s: %.1f s\n", "uptime", (double)p->uptime_ns / 1e9);
    printf("%-14s: %u\n", "nr_domains", p->nr_domains);
    printf("%-14s: %u\n", "max_domains", p->max_domains);
    printf("\n%4s %5s %4s %s\n", "pCPU", "ID", "VCPU", "Domain");
    for (uint32_t i = 0; i < nr; i++) {
        uint32_t owner = p->pcpu_owner[i];

        if (owner == SEPTUM_PCPU_FREE)
            printf("%4u %5s %4s %s\n", i, "-", "-", "(free)");
        else
            printf("%4u %5u %4u %.*s\n", i, owner, p->pcpu_vcpu[i], SEPTUM_NAME_MAX,
                   owner_name(list, n, owner));
    }
}

int cmd_info(const struct verb *v, int argc, char **argv)
{
    struct septum_domain_info *list = NULL;
    struct septum_physinfo p;
    struct septum *h;
    size_t n = 0;
    int rc = parse_plain_verb(v, argc, argv, 0, 0);

    if (rc >= 0)
        return rc;
    rc = open_hypervisor(v, &h);
    if (rc)
        return rc;
    rc = septum_physinfo(h, &p);
    if (rc >= 0)
        rc = septum_domain_list_all(h, &list, &n);
    if (rc < 0) {
        septum_close(h);
        return fail(v, "%s", septum_strerror(rc));
    }
    print_info(&p, list, n);
    print_memory(h, list, n);
    print_resources(h, list, n);
    septum_close(h);
    free(list);
    return EXIT_OK;
}

/* Prints the log from *pos on; returns 0 or a negative errno. */
static int print_log(struct septum *h, uint64_t *pos)
{
    char buf[4096];
    int n;

    while ((n = septum_log_read(h, buf, sizeof(buf), pos)) > 0)
        write_stdout(buf, (size_t)n);
    return n;
}

int cmd_dmesg(const struct verb *v, int argc, char **argv)
{
    static const struct option opts[] = {
        {"follow", no_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'}, {0}};
    bool follow = false;
    struct septum *h;
    uint64_t pos = 0;
    int opt, rc;

    while ((opt = getopt_long(argc, argv, ":fh", opts, NULL)) != -1) {
        if (opt == 'f')
            follow = true;
        else if (opt == 'h')
            return print_help(v);
        else
            return bad_option(v, opt, argv);
    }
    if (optind != argc)
        return usage_error(v, "too many arguments");
    rc = open_hypervisor(v, &h);
    if (rc)
        return rc;
    /* --follow runs until interrupted, like dmesg -w. */
    do {
        rc = print_log(h, &pos);
        if (rc >= 0 && follow)
            poll(NULL, 0, POLL_INTERVAL_MS);
    } while (rc >= 0 && follow);
    septum_close(h);
    return rc < 0 ? fail(v, "%s", septum_strerror(rc)) : EXIT_OK;
}
