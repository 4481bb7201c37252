/* Handles, the hypercall core (marshalling and status conversion) and the
 * host-wide queries. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* Linux keeps errno values below 4096; a "status" beyond that is no errno. */
#define MAX_ERRNO 4095

int septum_open_transport(const struct septum_transport *t, struct septum **h)
{
    if (!t || !t->hypercall)
        return -EINVAL;
    *h = calloc(1, sizeof(**h));
    if (!*h)
        return -ENOMEM;
    (*h)->transport = *t;
    return 0;
}

void septum_close(struct septum *h)
{
    if (!h)
        return;
    if (h->transport.close)
        h->transport.close(h->transport.ctx);
    free(h);
}

void hc_init(struct septum_ioctl_hypercall *hc, uint64_t fn)
{
    memset(hc, 0, sizeof(*hc));
    hc->fn = fn;
}

void hc_buffer(struct septum_ioctl_hypercall *hc, const void *buf, size_t len)
{
    struct septum_call_layout layout = septum_call_layout(hc->fn);
    struct septum_ioctl_buffer *b = &hc->bufs[0];

    hc->nr_bufs = 1;
    b->uaddr = (uintptr_t)buf;
    b->len = len;
    b->arg = layout.addr_reg;
    b->dir = layout.dir;
    hc->args[layout.addr_reg] = 0;
    hc->args[layout.len_reg] = len;
}

int64_t hc_call(struct septum *h, struct septum_ioctl_hypercall *hc)
{
    int rc;
    int64_t x0;

    /* -EAGAIN: a new domain's own pCPU is still zeroing its RAM (a second
     * or so for a GiB under emulation); the call is made again. */
    do {
        rc = h->transport.hypercall(h->transport.ctx, hc);
        x0 = (int64_t)hc->ret[0];
        if (rc == 0 && x0 == -EAGAIN)
            nanosleep(&(struct timespec){0, 2 * 1000 * 1000}, NULL);
    } while (rc == 0 && x0 == -EAGAIN);
    if (rc < 0)
        return rc;
    if (x0 >= 0)
        return x0;
    if (x0 < -MAX_ERRNO)
        return -EPROTO;
    /* SMCCC's NOT_SUPPORTED and -EPERM are both -1: only FEATURES can tell
     * an unknown call from a refused one. */
    if (x0 == SMCCC_NOT_SUPPORTED && hc->fn != SEPTUM_HC_FEATURES &&
        septum_features(h, (uint32_t)hc->fn) == -ENOSYS)
        return -ENOSYS;
    return x0;
}

int hc_status(struct septum *h, struct septum_ioctl_hypercall *hc)
{
    int64_t r = hc_call(h, hc);

    return r < 0 ? (int)r : 0;
}

int septum_hypercall_raw(struct septum *h, uint64_t fn, const uint64_t args[5], void *buf,
                         size_t len, uint64_t ret[4])
{
    struct septum_ioctl_hypercall hc;
    int rc;

    hc_init(&hc, fn);
    memcpy(&hc.args[1], args, 5 * sizeof(args[0]));
    if (buf)
        hc_buffer(&hc, buf, len);
    rc = h->transport.hypercall(h->transport.ctx, &hc);
    if (rc < 0)
        return rc;
    memcpy(ret, hc.ret, sizeof(hc.ret));
    return 0;
}

int septum_version(struct septum *h, uint32_t *abi)
{
    struct septum_ioctl_hypercall hc;
    int64_t r;

    hc_init(&hc, SEPTUM_HC_VERSION);
    r = hc_call(h, &hc);
    if (r < 0)
        return (int)r;
    if (r > UINT32_MAX)
        return -EPROTO;
    *abi = (uint32_t)r;
    return 0;
}

int septum_check_abi(struct septum *h)
{
    uint32_t abi = 0;
    int rc = septum_version(h, &abi);

    if (rc < 0)
        return rc;
    /* Minor versions only add calls and fields; majors break layouts. */
    return (abi >> 16) == SEPTUM_ABI_MAJOR ? 0 : -EPROTONOSUPPORT;
}

int septum_features(struct septum *h, uint32_t fn)
{
    struct septum_ioctl_hypercall hc;
    int64_t r;

    hc_init(&hc, SEPTUM_HC_FEATURES);
    hc.args[1] = fn;
    r = hc_call(h, &hc);
    if (r == SMCCC_NOT_SUPPORTED)
        return -ENOSYS;
    return r < 0 ? (int)r : 0;
}

int septum_whoami(struct septum *h, uint32_t *domid, uint32_t *vcpu)
{
    struct septum_ioctl_hypercall hc;
    int64_t r;

    hc_init(&hc, SEPTUM_HC_WHOAMI);
    r = hc_call(h, &hc);
    if (r < 0)
        return (int)r;
    if (r > UINT32_MAX || hc.ret[1] > UINT32_MAX)
        return -EPROTO;
    *domid = (uint32_t)r;
    *vcpu = (uint32_t)hc.ret[1];
    return 0;
}

int septum_physinfo(struct septum *h, struct septum_physinfo *info)
{
    struct septum_ioctl_hypercall hc;

    memset(info, 0, sizeof(*info));
    hc_init(&hc, SEPTUM_HC_PHYSINFO);
    hc_buffer(&hc, info, sizeof(*info));
    return hc_status(h, &hc);
}
