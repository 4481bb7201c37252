/* A transport for unit tests: records every hypercall it is given and
 * answers from a queue of canned replies (x0 = 0 when the queue is empty). */
#ifndef FAKE_TRANSPORT_H
#define FAKE_TRANSPORT_H

#include <stddef.h>

#include "septum.h"

#define FAKE_MAX_CALLS 64

struct fake_reply {
    int transport_rc; /* < 0: the transport fails, ret is ignored */
    uint64_t ret[4];  /* x0..x3 */
    const void *out;  /* copied into the call's first OUT buffer */
    size_t out_len;
};

/* The calls made since fake_open(), in order. */
extern struct septum_ioctl_hypercall fake_calls[FAKE_MAX_CALLS];
extern size_t fake_nr_calls;

/* A handle over the fake transport, with an empty record and queue. */
struct septum *fake_open(void);

void fake_push(struct fake_reply reply);

/* Queues a reply whose x0 is `x0` (a value or a negative errno). */
void fake_push_x0(int64_t x0);

/* Checks that buffer i of a recorded call is buf/len, bound to argument
 * register `arg`, in direction dir. */
void fake_expect_buffer(const struct septum_ioctl_hypercall *hc, unsigned i, unsigned arg,
                        const void *buf, size_t len, uint32_t dir);

#endif
