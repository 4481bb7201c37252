/* Making a planned domain through the hypercalls. Every DOMAIN_LOAD into a
 * created domain is kept by the hypervisor as a boot segment, replayed when
 * the domain restarts (on_reboot, on_poweroff or on_crash 'restart'). A
 * direct-mapped domain's RAM is wherever the hypervisor found it: the plan,
 * laid out from SEPTUM_GUEST_RAM_BASE, moves there, device tree included. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "guest_dtb.h"
#include "plan.h"

static int load(struct septum *h, uint32_t domid, const struct placed_file *f, uint64_t shift)
{
    return f->len ? septum_domain_load(h, domid, f->ipa + shift, f->data, f->len) : 0;
}

/* Who holds any of [base, base + size) now, for the message. */
static void describe_owner(struct septum *h, uint64_t base, uint64_t size, char *buf, size_t len)
{
    struct septum_domain_info *list = NULL;
    size_t n = 0;

    snprintf(buf, len, "owned by another domain");
    if (septum_domain_list_all(h, &list, &n) < 0)
        return;
    for (size_t i = 0; i < n; i++) {
        struct septum_resource *res = NULL;
        size_t count = 0;

        if (septum_domain_resources_all(h, list[i].domid, &res, &count) < 0)
            continue;
        for (size_t j = 0; j < count; j++) {
            const struct septum_resource *r = &res[j];
            bool mmio =
                r->kind == SEPTUM_RESOURCE_MMIO && r->pa < base + size && base < r->pa + r->size;
            bool irq = r->kind == SEPTUM_RESOURCE_IRQ && size == 0 && r->pirq == base;

            if (mmio || irq)
                snprintf(buf, len, "owned by domain '%.*s' (id %u)", SEPTUM_NAME_MAX, list[i].name,
                         list[i].domid);
        }
        free(res);
    }
    free(list);
}

/* The hypervisor's last log line: it says why it refused, where it knew. */
static void last_log_line(struct septum *h, char *buf, size_t len)
{
    char tail[512];
    uint64_t pos = UINT64_MAX;
    int n;
    char *end, *start;

    buf[0] = '\0';
    if (septum_log_read(h, tail, sizeof(tail), &pos) < 0)
        return;
    pos = pos > sizeof(tail) - 1 ? pos - (sizeof(tail) - 1) : 0;
    n = septum_log_read(h, tail, sizeof(tail) - 1, &pos);
    if (n <= 0)
        return;
    tail[n] = '\0';
    for (end = tail + n; end > tail && end[-1] == '\n'; end--)
        *(end - 1) = '\0';
    start = strrchr(tail, '\n');
    start = start ? start + 1 : tail;
    n = (int)strnlen(start, len - 1);
    memcpy(buf, start, (size_t)n);
    buf[n] = '\0';
}

static void refused(struct septum *h, const struct plan_device *dev, const struct spot *at,
                    uint64_t base, uint64_t size, int err, struct diag_sink *d)
{
    char why[256], line[200];

    if (err == -EBUSY) {
        describe_owner(h, base, size, why, sizeof(why));
    } else if (err == -EINVAL) {
        last_log_line(h, line, sizeof(line));
        snprintf(why, sizeof(why), "refused by the hypervisor: %s",
                 line[0] ? line : "see septum dmesg");
    } else
        snprintf(why, sizeof(why), "%s", septum_strerror(err));
    if (size)
        diag_at(d, at, "%s: 0x%llx+0x%llx: %s", dev->label, (unsigned long long)base,
                (unsigned long long)size, why);
    else
        diag_at(d, at, "%s: interrupt %llu: %s", dev->label, (unsigned long long)base, why);
}

static int give_device(struct septum *h, uint32_t id, const struct plan_device *dev,
                       struct diag_sink *d)
{
    for (size_t i = 0; i < dev->nr_mmio; i++) {
        const struct desc_mmio *m = &dev->mmio[i];
        int rc = septum_assign_mmio(h, id, m->base, m->size, m->ipa, dev->flags);

        if (rc < 0) {
            refused(h, dev, &m->at, m->base, m->size, rc, d);
            return rc;
        }
    }
    for (size_t i = 0; i < dev->nr_irqs; i++) {
        const struct desc_irq *irq = &dev->irqs[i];
        int rc = septum_assign_irq(h, id, irq->host, irq->guest);

        if (rc < 0) {
            refused(h, dev, &irq->at, irq->host, 0, rc, d);
            return rc;
        }
    }
    return 0;
}

/* The device tree of a domain whose RAM is not at SEPTUM_GUEST_RAM_BASE:
 * its /memory and initramfs moved (into a copy: the plan stays as made). */
static int moved_dtb(const struct domain_plan *plan, uint64_t ram_base, uint64_t shift,
                     struct placed_file *out)
{
    struct guest_dtb_params params = {
        .mem_base = ram_base,
        .mem_size = plan->config.mem_size,
        .initrd_start = plan->initrd.ipa + shift,
        .initrd_size = plan->initrd.len,
    };
    int size;

    *out = plan->dtb;
    out->data = malloc(SEPTUM_GUEST_DTB_SIZE);
    if (!out->data)
        return -ENOMEM;
    memcpy(out->data, plan->dtb.data, plan->dtb.len);
    size = guest_dtb_adapt(&params, out->data, plan->dtb.len, SEPTUM_GUEST_DTB_SIZE);
    if (size < 0) {
        free(out->data);
        return size;
    }
    out->len = (size_t)size;
    return 0;
}

static int fill(struct septum *h, uint32_t id, const struct domain_plan *plan, struct diag_sink *d)
{
    struct septum_domain_stats stats;
    struct placed_file dtb = plan->dtb;
    uint64_t shift = 0;
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < plan->nr_devices; i++)
        rc = give_device(h, id, &plan->devices[i], d);
    for (unsigned i = 0; rc == 0 && i < plan->nr_shm; i++) {
        int peer = septum_shm_attach(h, id, &plan->shm[i]); /* its peer id, or an error */

        rc = peer < 0 ? peer : 0;
    }
    if (rc == 0 && (plan->config.flags & SEPTUM_DOMAIN_DIRECT_MAP)) {
        rc = septum_domain_stats(h, id, &stats);
        if (rc == 0 && stats.ram_base != SEPTUM_GUEST_RAM_BASE) {
            shift = stats.ram_base - SEPTUM_GUEST_RAM_BASE;
            rc = moved_dtb(plan, stats.ram_base, shift, &dtb);
        }
    }
    if (rc == 0)
        rc = load(h, id, &plan->kernel, shift);
    if (rc == 0)
        rc = load(h, id, &plan->initrd, shift);
    if (rc == 0)
        rc = load(h, id, &dtb, shift);
    if (rc == 0)
        rc = septum_domain_set_boot(h, id, plan->entry + shift, dtb.ipa + shift);
    if (dtb.data != plan->dtb.data)
        free(dtb.data);
    return rc;
}

int domain_plan_build(struct septum *h, const struct domain_plan *plan, struct diag_sink *d,
                      uint32_t *domid)
{
    uint32_t id;
    int rc = septum_domain_create(h, &plan->config, &id);

    if (rc < 0)
        return rc;
    rc = fill(h, id, plan, d);
    if (rc < 0) {
        septum_domain_destroy(h, id); /* its devices go back with it */
        return rc;
    }
    *domid = id;
    return 0;
}
