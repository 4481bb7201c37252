/* stats: one domain's activity counters, and its emulated devices'. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static void print_stats(const struct septum_domain_info *d, const struct septum_domain_stats *s)
{
    uint32_t nr = s->nr_devices < SEPTUM_MAX_DEVICES ? s->nr_devices : SEPTUM_MAX_DEVICES;

    printf("%-14s: %.*s\n", "name", (int)sizeof(d->name), d->name);
    printf("%-14s: %u\n", "id", d->domid);
    printf("%-14s: %llu\n", "hypercalls", (unsigned long long)s->hypercalls);
    printf("%-14s: %llu\n", "irqs_injected", (unsigned long long)s->irqs_injected);
    printf("%-14s: %llu\n", "console_bytes", (unsigned long long)s->console_bytes);
    printf("\n%-15s %10s %10s %10s %10s %10s\n", "Device", "Base", "Size", "Reads", "Writes",
           "IRQs");
    for (uint32_t i = 0; i < nr; i++) {
        const struct septum_device_stats *dev = &s->devices[i];

        printf("%-15.*s 0x%08llx 0x%08llx %10llu %10llu %10llu\n", (int)sizeof(dev->name),
               dev->name, (unsigned long long)dev->base, (unsigned long long)dev->size,
               (unsigned long long)dev->reads, (unsigned long long)dev->writes,
               (unsigned long long)dev->irqs);
    }
}

int cmd_stats(const struct verb *v, int argc, char **argv)
{
    int rc = parse_plain_verb(v, argc, argv, 1, 1);
    const char *domain = argv[optind];
    struct septum_domain_stats stats;
    struct septum_domain_info info;
    struct septum *h;
    uint32_t domid;

    if (rc >= 0)
        return rc;
    rc = open_domain(v, domain, &h, &domid);
    if (rc)
        return rc;
    rc = septum_domain_info(h, domid, &info);
    if (rc >= 0)
        rc = septum_domain_stats(h, domid, &stats);
    septum_close(h);
    if (rc < 0)
        return fail(v, "%s: %s", domain, septum_strerror(rc));
    print_stats(&info, &stats);
    return EXIT_OK;
}
