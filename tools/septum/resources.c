/* `septum info`'s devices section: what each domain holds beyond RAM and
 * vCPUs (DOMAIN_RESOURCES), one line per resource. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static void print_resource(const struct septum_domain_info *d, const struct septum_resource *r)
{
    int name = (int)sizeof(d->name);

    switch (r->kind) {
    case SEPTUM_RESOURCE_MMIO:
        printf("%5u %-12.*s %-5s 0x%08llx 0x%08llx %#8llx %10llu%s\n", d->domid, name, d->name,
               "mmio", (unsigned long long)r->pa, (unsigned long long)r->ipa,
               (unsigned long long)r->size, (unsigned long long)r->count,
               r->flags & SEPTUM_MMIO_DMA ? " dma" : "");
        break;
    case SEPTUM_RESOURCE_IRQ:
        printf("%5u %-12.*s %-5s %10u %10u %8s %10llu\n", d->domid, name, d->name, "irq", r->pirq,
               r->virq, "-", (unsigned long long)r->count);
        break;
    default: /* kinds this tool does not know yet */
        printf("%5u %-12.*s kind %u\n", d->domid, name, d->name, r->kind);
        break;
    }
}

void print_resources(struct septum *h, const struct septum_domain_info *list, size_t n)
{
    bool header = false;

    for (size_t i = 0; i < n; i++) {
        struct septum_resource *res = NULL;
        size_t count = 0;

        if (septum_domain_resources_all(h, list[i].domid, &res, &count) < 0)
            continue; /* gone meanwhile, or a hypervisor without the call */
        for (size_t j = 0; j < count; j++) {
            if (!header) {
                printf("\n%5s %-12s %-5s %10s %10s %8s %10s\n", "ID", "Domain", "Kind", "Host",
                       "Guest", "Size", "Count");
                header = true;
            }
            print_resource(&list[i], &res[j]);
        }
        free(res);
    }
}
