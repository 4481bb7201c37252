/* shm: the shared-memory regions each domain (or one) is attached to, from
 * DOMAIN_RESOURCES. Attaching dom0 itself is septum-shm's (it needs the
 * septum_shm driver to map the region for user space). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static void print_regions(const struct septum_domain_info *d, const struct septum_resource *res,
                          size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct septum_resource *r = &res[i];

        if (r->kind != SEPTUM_RESOURCE_SHM)
            continue;
        printf("%-12.*s %-16.*s %4u %9llu  0x%08llx  0x%08llx %5u %10llu\n", (int)sizeof(d->name),
               d->name, (int)sizeof(r->name), r->name, r->peer, (unsigned long long)(r->size >> 10),
               (unsigned long long)r->ipa, (unsigned long long)r->regs_ipa, r->virq,
               (unsigned long long)r->count);
    }
}

static int show_domain(struct septum *h, const struct septum_domain_info *d)
{
    struct septum_resource *res = NULL;
    size_t n;
    int rc = septum_domain_resources_all(h, d->domid, &res, &n);

    if (rc >= 0)
        print_regions(d, res, n);
    free(res);
    return rc == -ESRCH ? 0 : rc; /* destroyed since the list was taken */
}

int cmd_shm(const struct verb *v, int argc, char **argv)
{
    int rc = parse_plain_verb(v, argc, argv, 0, 1);
    struct septum_domain_info *all = NULL, one;
    size_t count = 0;
    struct septum *h;
    uint32_t domid;

    if (rc >= 0)
        return rc;
    if (optind < argc) {
        rc = open_domain(v, argv[optind], &h, &domid);
        if (rc)
            return rc;
        rc = septum_domain_info(h, domid, &one);
        all = &one;
        count = 1;
    } else {
        rc = open_hypervisor(v, &h);
        if (rc)
            return rc;
        rc = septum_domain_list_all(h, &all, &count);
    }
    if (rc >= 0)
        printf("%-12s %-16s %4s %9s  %-10s  %-10s %5s %10s\n", "Domain", "Region", "Peer",
               "Size(KiB)", "Address", "Registers", "INTID", "Rings");
    for (size_t i = 0; rc >= 0 && i < count; i++)
        rc = show_domain(h, &all[i]);
    if (all != &one)
        free(all);
    septum_close(h);
    if (rc < 0)
        return fail(v, "%s", septum_strerror(rc));
    return EXIT_OK;
}
