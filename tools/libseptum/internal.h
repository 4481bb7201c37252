/* What the library's files share: the handle and the hypercall builder. */
#ifndef LIBSEPTUM_INTERNAL_H
#define LIBSEPTUM_INTERNAL_H

#include "septum.h"

struct septum {
    struct septum_transport transport;
};

/* Starts a hypercall with no arguments and no buffers. */
void hc_init(struct septum_ioctl_hypercall *hc, uint64_t fn);

/* Declares the call's one buffer where its layout (septum_call_layout())
 * says, and its length; the driver puts the bounced buffer's address and
 * length in those registers. */
void hc_buffer(struct septum_ioctl_hypercall *hc, const void *buf, size_t len);

/* Makes the call and returns x0 as a value (>= 0) or a negative errno. */
int64_t hc_call(struct septum *h, struct septum_ioctl_hypercall *hc);

/* hc_call() for calls whose only result is a status. */
int hc_status(struct septum *h, struct septum_ioctl_hypercall *hc);

#endif
