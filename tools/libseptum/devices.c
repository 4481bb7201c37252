/* Device passthrough and what a domain holds: ASSIGN_MMIO, ASSIGN_IRQ,
 * DOMAIN_RESOURCES, HOST_FDT. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int septum_assign_mmio(struct septum *h, uint32_t domid, uint64_t pa, uint64_t size, uint64_t ipa,
                       uint32_t flags)
{
    struct septum_ioctl_hypercall hc;

    hc_init(&hc, SEPTUM_HC_ASSIGN_MMIO);
    hc.args[1] = domid;
    hc.args[2] = pa;
    hc.args[3] = size;
    hc.args[4] = ipa;
    hc.args[5] = flags;
    return hc_status(h, &hc);
}

int septum_assign_irq(struct septum *h, uint32_t domid, uint32_t pirq, uint32_t virq)
{
    struct septum_ioctl_hypercall hc;

    hc_init(&hc, SEPTUM_HC_ASSIGN_IRQ);
    hc.args[1] = domid;
    hc.args[2] = pirq;
    hc.args[3] = virq;
    return hc_status(h, &hc);
}

int septum_domain_resources(struct septum *h, uint32_t domid, struct septum_resource *res,
                            size_t max, size_t *count)
{
    struct septum_ioctl_hypercall hc;
    size_t limit = SEPTUM_IOCTL_BUF_MAX / sizeof(*res);
    int64_t r;

    max = res ? (max < limit ? max : limit) : 0;
    if (max)
        memset(res, 0, max * sizeof(*res));
    hc_init(&hc, SEPTUM_HC_DOMAIN_RESOURCES);
    hc.args[1] = domid;
    hc_buffer(&hc, res, max * sizeof(*res)); /* length 0 only counts */
    r = hc_call(h, &hc);
    if (r < 0)
        return (int)r;
    *count = (size_t)r;
    return 0;
}

int septum_domain_resources_all(struct septum *h, uint32_t domid, struct septum_resource **res,
                                size_t *count)
{
    size_t n = 0, room;
    int err = septum_domain_resources(h, domid, NULL, 0, &n);

    /* Resources can be added between the two calls: ask again until the
     * buffer held them all. */
    while (!err) {
        room = n + 4;
        *res = calloc(room, sizeof(**res));
        if (!*res)
            return -ENOMEM;
        err = septum_domain_resources(h, domid, *res, room, &n);
        if (!err && n <= room) {
            *count = n;
            return 0;
        }
        free(*res);
        *res = NULL;
    }
    return err;
}

/* One HOST_FDT call: bytes copied from offset, the tree's total size. */
static int64_t host_fdt_part(struct septum *h, void *buf, size_t len, uint64_t offset,
                             uint64_t *total)
{
    struct septum_ioctl_hypercall hc;
    int64_t r;

    hc_init(&hc, SEPTUM_HC_HOST_FDT);
    hc.args[3] = offset;
    hc_buffer(&hc, buf, len);
    r = hc_call(h, &hc);
    if (r >= 0)
        *total = hc.ret[1];
    return r;
}

int septum_host_fdt(struct septum *h, void **fdt, size_t *size)
{
    uint64_t total = 0, done = 0;
    char *buf;
    int64_t r = host_fdt_part(h, NULL, 0, 0, &total);

    if (r < 0)
        return (int)r;
    if (total == 0 || total > SEPTUM_BUFFER_MAX)
        return -EPROTO;
    buf = malloc(total);
    if (!buf)
        return -ENOMEM;
    while (done < total) {
        size_t chunk = total - done < SEPTUM_IOCTL_BUF_MAX ? total - done : SEPTUM_IOCTL_BUF_MAX;

        r = host_fdt_part(h, buf + done, chunk, done, &total);
        if (r <= 0 || done + (uint64_t)r > total) {
            free(buf);
            return r < 0 ? (int)r : -EPROTO;
        }
        done += (uint64_t)r;
    }
    *fdt = buf;
    *size = total;
    return 0;
}
