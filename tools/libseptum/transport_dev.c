/* The default transport: the dom0 driver's /dev/septum, one ioctl per
 * hypercall. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "septum.h"

static int dev_hypercall(void *ctx, struct septum_ioctl_hypercall *hc)
{
    int fd = (int)(intptr_t)ctx;

    /* The driver returns 0 once the hypercall was made; a failure here is
     * the driver's own (bad buffer, missing CAP_SYS_ADMIN, ...). */
    if (ioctl(fd, SEPTUM_IOCTL_HYPERCALL, hc) < 0)
        return -errno;
    return 0;
}

static void dev_close(void *ctx)
{
    close((int)(intptr_t)ctx);
}

int septum_open(struct septum **h)
{
    struct septum_transport t = {dev_hypercall, dev_close, NULL};
    int fd = open(SEPTUM_DEVICE, O_RDWR | O_CLOEXEC);
    int rc;

    if (fd < 0)
        return -errno;
    t.ctx = (void *)(intptr_t)fd;
    rc = septum_open_transport(&t, h);
    if (rc < 0)
        close(fd);
    return rc;
}
