/* The recording transport behind the unit tests. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fake_transport.h"

struct septum_ioctl_hypercall fake_calls[FAKE_MAX_CALLS];
size_t fake_nr_calls;

static struct fake_reply replies[FAKE_MAX_CALLS];
static size_t nr_replies, next_reply;

static void copy_out(struct septum_ioctl_hypercall *hc, const struct fake_reply *r)
{
    for (unsigned i = 0; i < hc->nr_bufs; i++) {
        struct septum_ioctl_buffer *b = &hc->bufs[i];

        if (!(b->dir & SEPTUM_BUF_OUT))
            continue;
        CHECK(r->out_len <= b->len);
        memcpy((void *)(uintptr_t)b->uaddr, r->out, r->out_len);
        return;
    }
    CHECK(!"a reply with data for a call without an OUT buffer");
}

static int fake_hypercall(void *ctx, struct septum_ioctl_hypercall *hc)
{
    struct fake_reply r = {0};
    struct septum_call_layout layout;
    int refused = septum_ioctl_check(hc, &layout); /* as the driver would */

    (void)ctx;
    CHECK(fake_nr_calls < FAKE_MAX_CALLS);
    fake_calls[fake_nr_calls++] = *hc;
    if (refused)
        return refused;
    if (next_reply < nr_replies)
        r = replies[next_reply++];
    if (r.transport_rc < 0)
        return r.transport_rc;
    if (r.out)
        copy_out(hc, &r);
    memcpy(hc->ret, r.ret, sizeof(hc->ret));
    return 0;
}

struct septum *fake_open(void)
{
    static const struct septum_transport t = {fake_hypercall, NULL, NULL};
    struct septum *h;

    fake_nr_calls = 0;
    nr_replies = next_reply = 0;
    CHECK(septum_open_transport(&t, &h) == 0);
    return h;
}

void fake_push(struct fake_reply reply)
{
    CHECK(nr_replies < FAKE_MAX_CALLS);
    replies[nr_replies++] = reply;
}

void fake_push_x0(int64_t x0)
{
    fake_push((struct fake_reply){.ret = {(uint64_t)x0}});
}

void fake_expect_buffer(const struct septum_ioctl_hypercall *hc, unsigned i, unsigned arg,
                        const void *buf, size_t len, uint32_t dir)
{
    CHECK(i < hc->nr_bufs);
    CHECK_EQ(hc->bufs[i].uaddr, (uintptr_t)buf);
    CHECK_EQ(hc->bufs[i].len, len);
    CHECK_EQ(hc->bufs[i].arg, arg);
    CHECK_EQ(hc->bufs[i].dir, dir);
}
