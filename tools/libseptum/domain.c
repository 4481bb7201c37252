/* One wrapper per domain hypercall: life cycle and queries. */
#include <errno.h>
#include <string.h>

#include "internal.h"

/* A hypercall whose arguments are a domain id and maybe one more value. */
static int domain_op(struct septum *h, uint64_t fn, uint32_t domid, uint64_t arg2)
{
    struct septum_ioctl_hypercall hc;

    hc_init(&hc, fn);
    hc.args[1] = domid;
    hc.args[2] = arg2;
    return hc_status(h, &hc);
}

/* How many entries of `size` bytes one bounced buffer can carry. */
static size_t entries_that_fit(size_t max, size_t size)
{
    size_t limit = SEPTUM_IOCTL_BUF_MAX / size;

    return max < limit ? max : limit;
}

int septum_domain_create(struct septum *h, const struct septum_domain_config *cfg, uint32_t *domid)
{
    struct septum_ioctl_hypercall hc;
    int64_t r;

    hc_init(&hc, SEPTUM_HC_DOMAIN_CREATE);
    hc_buffer(&hc, cfg, sizeof(*cfg));
    r = hc_call(h, &hc);
    if (r < 0)
        return (int)r;
    if (r > UINT32_MAX)
        return -EPROTO;
    *domid = (uint32_t)r;
    return 0;
}

int septum_domain_load(struct septum *h, uint32_t domid, uint64_t ipa, const void *data, size_t len)
{
    const unsigned char *src = data;

    if (ipa + len < ipa)
        return -EINVAL;
    for (size_t done = 0; done < len;) {
        struct septum_ioctl_hypercall hc;
        size_t chunk = len - done < SEPTUM_LOAD_CHUNK ? len - done : SEPTUM_LOAD_CHUNK;
        int rc;

        hc_init(&hc, SEPTUM_HC_DOMAIN_LOAD);
        hc.args[1] = domid;
        hc.args[2] = ipa + done;
        hc_buffer(&hc, src + done, chunk);
        rc = hc_status(h, &hc);
        if (rc < 0)
            return rc;
        done += chunk;
    }
    return 0;
}

int septum_domain_set_boot(struct septum *h, uint32_t domid, uint64_t entry, uint64_t dtb)
{
    struct septum_ioctl_hypercall hc;

    hc_init(&hc, SEPTUM_HC_DOMAIN_SET_BOOT);
    hc.args[1] = domid;
    hc.args[2] = entry;
    hc.args[3] = dtb;
    return hc_status(h, &hc);
}

int septum_domain_start(struct septum *h, uint32_t domid)
{
    return domain_op(h, SEPTUM_HC_DOMAIN_START, domid, 0);
}

/* Returns once the domain's vCPUs are out of the guest: the hypervisor
 * answers -EAGAIN until then, and hc_call() asks again. */
int septum_domain_pause(struct septum *h, uint32_t domid)
{
    return domain_op(h, SEPTUM_HC_DOMAIN_PAUSE, domid, 0);
}

/* As with xl, a domain created paused (-p: CREATED, never started) is run
 * by unpause: the hypervisor's UNPAUSE takes only PAUSED ones. */
int septum_domain_unpause(struct septum *h, uint32_t domid)
{
    struct septum_domain_info info;
    int rc = domain_op(h, SEPTUM_HC_DOMAIN_UNPAUSE, domid, 0);

    if (rc != -EBUSY || septum_domain_info(h, domid, &info) < 0 ||
        info.state != SEPTUM_STATE_CREATED)
        return rc;
    return septum_domain_start(h, domid);
}

int septum_domain_shutdown(struct septum *h, uint32_t domid, uint32_t reason)
{
    return domain_op(h, SEPTUM_HC_DOMAIN_SHUTDOWN, domid, reason);
}

int septum_domain_destroy(struct septum *h, uint32_t domid)
{
    return domain_op(h, SEPTUM_HC_DOMAIN_DESTROY, domid, 0);
}

int septum_domain_list(struct septum *h, struct septum_domain_info *info, size_t max, size_t *count)
{
    struct septum_ioctl_hypercall hc;
    int64_t r;

    max = info ? entries_that_fit(max, sizeof(*info)) : 0;
    hc_init(&hc, SEPTUM_HC_DOMAIN_LIST);
    if (max)
        memset(info, 0, max * sizeof(*info));
    hc_buffer(&hc, info, max * sizeof(*info)); /* length 0 only counts */
    r = hc_call(h, &hc);
    if (r < 0)
        return (int)r;
    *count = (size_t)r;
    return 0;
}

int septum_domain_info(struct septum *h, uint32_t domid, struct septum_domain_info *info)
{
    struct septum_ioctl_hypercall hc;

    memset(info, 0, sizeof(*info));
    hc_init(&hc, SEPTUM_HC_DOMAIN_INFO);
    hc.args[1] = domid;
    hc_buffer(&hc, info, sizeof(*info));
    return hc_status(h, &hc);
}

int septum_vcpu_info(struct septum *h, uint32_t domid, struct septum_vcpu_info *info, size_t max,
                     size_t *count)
{
    struct septum_ioctl_hypercall hc;
    int64_t r;

    max = info ? entries_that_fit(max, sizeof(*info)) : 0;
    hc_init(&hc, SEPTUM_HC_VCPU_INFO);
    hc.args[1] = domid;
    if (max)
        memset(info, 0, max * sizeof(*info));
    hc_buffer(&hc, info, max * sizeof(*info)); /* length 0 only counts */
    r = hc_call(h, &hc);
    if (r < 0)
        return (int)r;
    *count = (size_t)r;
    return 0;
}

int septum_domain_stats(struct septum *h, uint32_t domid, struct septum_domain_stats *stats)
{
    struct septum_ioctl_hypercall hc;

    memset(stats, 0, sizeof(*stats));
    hc_init(&hc, SEPTUM_HC_DOMAIN_STATS);
    hc.args[1] = domid;
    hc_buffer(&hc, stats, sizeof(*stats));
    return hc_status(h, &hc);
}
