/* Shared-memory regions: attach, detach, and what a domain holds. */
#include <string.h>

#include "internal.h"

int septum_shm_attach(struct septum *h, uint32_t domid, const struct septum_shm_attach *req)
{
    struct septum_ioctl_hypercall hc;
    int64_t r;

    hc_init(&hc, SEPTUM_HC_SHM_ATTACH);
    hc.args[1] = domid;
    hc_buffer(&hc, req, sizeof(*req));
    r = hc_call(h, &hc);
    return (int)r;
}

int septum_shm_detach(struct septum *h, uint32_t domid, const char *name)
{
    struct septum_ioctl_hypercall hc;
    struct septum_shm_attach req = {0};

    if (strlen(name) >= sizeof(req.name))
        return -ENAMETOOLONG;
    strcpy(req.name, name);
    hc_init(&hc, SEPTUM_HC_SHM_DETACH);
    hc.args[1] = domid;
    hc_buffer(&hc, &req, sizeof(req));
    return hc_status(h, &hc);
}
