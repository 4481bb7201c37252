/* The byte rings: each domain's console (output to read, input to write)
 * and the hypervisor's log. */
#include <errno.h>

#include "internal.h"

static size_t bounded(size_t len)
{
    return len < SEPTUM_IOCTL_BUF_MAX ? len : SEPTUM_IOCTL_BUF_MAX;
}

/* x0 = bytes copied, x1 = next position; both checked against the request
 * so that a confused hypervisor cannot make the caller overrun buf. */
static int ring_read(struct septum *h, struct septum_ioctl_hypercall *hc, size_t len, uint64_t *pos)
{
    int64_t r = hc_call(h, hc);

    if (r < 0)
        return (int)r;
    if ((uint64_t)r > len)
        return -EPROTO;
    *pos = hc->ret[1];
    return (int)r;
}

int septum_console_read(struct septum *h, uint32_t domid, void *buf, size_t len, uint64_t *pos)
{
    struct septum_ioctl_hypercall hc;

    len = bounded(len);
    hc_init(&hc, SEPTUM_HC_CONSOLE_READ);
    hc.args[1] = domid;
    hc_buffer(&hc, buf, len);
    hc.args[4] = *pos;
    return ring_read(h, &hc, len, pos);
}

int septum_console_write(struct septum *h, uint32_t domid, const void *buf, size_t len)
{
    struct septum_ioctl_hypercall hc;
    int64_t r;

    /* The hypervisor takes no more per call (a FIFO takes less): bounce
     * only what it can accept. */
    if (len > SEPTUM_CONSOLE_WRITE_MAX)
        len = SEPTUM_CONSOLE_WRITE_MAX;
    hc_init(&hc, SEPTUM_HC_CONSOLE_WRITE);
    hc.args[1] = domid;
    hc_buffer(&hc, buf, len);
    r = hc_call(h, &hc);
    if (r < 0)
        return (int)r;
    return (uint64_t)r > len ? -EPROTO : (int)r;
}

int septum_log_read(struct septum *h, void *buf, size_t len, uint64_t *pos)
{
    struct septum_ioctl_hypercall hc;

    len = bounded(len);
    hc_init(&hc, SEPTUM_HC_LOG_READ);
    hc_buffer(&hc, buf, len);
    hc.args[3] = *pos;
    return ring_read(h, &hc, len, pos);
}
