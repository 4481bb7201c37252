/* Console and log rings: positions in and out, directions, bounds. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fake_transport.h"

TEST(console_read_passes_the_position_and_advances_it)
{
    struct septum *h = fake_open();
    char buf[64];
    uint64_t pos = 100;

    fake_push((struct fake_reply){.ret = {5, 205}, .out = "hello", .out_len = 5});
    CHECK_EQ(septum_console_read(h, 2, buf, sizeof(buf), &pos), 5);
    CHECK_EQ(pos, 205);
    CHECK(memcmp(buf, "hello", 5) == 0);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_CONSOLE_READ);
    CHECK_EQ(fake_calls[0].args[1], 2);
    fake_expect_buffer(&fake_calls[0], 0, 2, buf, sizeof(buf), SEPTUM_BUF_OUT);
    CHECK_EQ(fake_calls[0].args[3], sizeof(buf));
    CHECK_EQ(fake_calls[0].args[4], 100);
    septum_close(h);
}

TEST(console_read_refuses_a_reply_longer_than_the_buffer)
{
    struct septum *h = fake_open();
    char buf[4];
    uint64_t pos = 0;

    fake_push((struct fake_reply){.ret = {5, 5}});
    CHECK_EQ(septum_console_read(h, 2, buf, sizeof(buf), &pos), -EPROTO);
    CHECK_EQ(pos, 0);
    septum_close(h);
}

TEST(console_read_failure_keeps_the_position)
{
    struct septum *h = fake_open();
    char buf[4];
    uint64_t pos = 9;

    fake_push_x0(-ESRCH);
    CHECK_EQ(septum_console_read(h, 2, buf, sizeof(buf), &pos), -ESRCH);
    CHECK_EQ(pos, 9);
    septum_close(h);
}

TEST(ring_buffers_never_exceed_the_driver_limit)
{
    struct septum *h = fake_open();
    size_t len = SEPTUM_IOCTL_BUF_MAX + 4096;
    char *buf = calloc(1, len);
    uint64_t pos = 0;

    CHECK_EQ(septum_console_read(h, 1, buf, len, &pos), 0);
    CHECK_EQ(septum_log_read(h, buf, len, &pos), 0);
    CHECK_EQ(septum_console_write(h, 1, buf, len), 0);
    CHECK_EQ(fake_calls[0].bufs[0].len, SEPTUM_IOCTL_BUF_MAX);
    CHECK_EQ(fake_calls[1].bufs[0].len, SEPTUM_IOCTL_BUF_MAX);
    /* No more than the hypervisor takes in one call. */
    CHECK_EQ(fake_calls[2].bufs[0].len, SEPTUM_CONSOLE_WRITE_MAX);
    CHECK_EQ(fake_calls[2].args[3], SEPTUM_CONSOLE_WRITE_MAX);
    free(buf);
    septum_close(h);
}

TEST(console_write_sends_input_and_returns_bytes_accepted)
{
    struct septum *h = fake_open();

    fake_push_x0(3);
    CHECK_EQ(septum_console_write(h, 4, "ls\n", 3), 3);
    fake_push_x0(1);
    CHECK_EQ(septum_console_write(h, 4, "ab", 2), 1);
    fake_push_x0(7);
    CHECK_EQ(septum_console_write(h, 4, "ab", 2), -EPROTO);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_CONSOLE_WRITE);
    CHECK_EQ(fake_calls[0].args[1], 4);
    CHECK_EQ(fake_calls[0].bufs[0].arg, 2);
    CHECK_EQ(fake_calls[0].bufs[0].dir, SEPTUM_BUF_IN);
    CHECK_EQ(fake_calls[0].args[3], 3);
    septum_close(h);
}

TEST(log_read_takes_the_buffer_in_x1_and_the_position_in_x3)
{
    struct septum *h = fake_open();
    char buf[32];
    uint64_t pos = 7;

    fake_push((struct fake_reply){.ret = {3, 10}, .out = "abc", .out_len = 3});
    CHECK_EQ(septum_log_read(h, buf, sizeof(buf), &pos), 3);
    CHECK_EQ(pos, 10);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_LOG_READ);
    fake_expect_buffer(&fake_calls[0], 0, 1, buf, sizeof(buf), SEPTUM_BUF_OUT);
    CHECK_EQ(fake_calls[0].args[2], sizeof(buf));
    CHECK_EQ(fake_calls[0].args[3], 7);
    septum_close(h);
}
