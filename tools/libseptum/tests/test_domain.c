/* Domain life cycle and queries: function IDs, argument registers, buffer
 * directions and lengths, chunked loads. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fake_transport.h"

TEST(create_sends_the_config_and_returns_the_id)
{
    struct septum *h = fake_open();
    struct septum_domain_config cfg;
    uint32_t domid = 0;

    septum_domain_config_init(&cfg);
    fake_push_x0(5);
    CHECK_EQ(septum_domain_create(h, &cfg, &domid), 0);
    CHECK_EQ(domid, 5);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_CREATE);
    fake_expect_buffer(&fake_calls[0], 0, 1, &cfg, sizeof(cfg), SEPTUM_BUF_IN);
    CHECK_EQ(fake_calls[0].args[2], sizeof(cfg));
    septum_close(h);
}

TEST(load_splits_into_1mib_chunks)
{
    struct septum *h = fake_open();
    size_t len = 2 * SEPTUM_LOAD_CHUNK + 4096;
    unsigned char *data = calloc(1, len);

    CHECK_EQ(septum_domain_load(h, 3, 0x40080000, data, len), 0);
    CHECK_EQ(fake_nr_calls, 3);
    for (size_t i = 0; i < 3; i++) {
        size_t chunk = i < 2 ? SEPTUM_LOAD_CHUNK : 4096;

        CHECK_EQ(fake_calls[i].fn, SEPTUM_HC_DOMAIN_LOAD);
        CHECK_EQ(fake_calls[i].args[1], 3);
        CHECK_EQ(fake_calls[i].args[2], 0x40080000 + i * SEPTUM_LOAD_CHUNK);
        CHECK_EQ(fake_calls[i].nr_bufs, 1);
        fake_expect_buffer(&fake_calls[i], 0, 3, data + i * SEPTUM_LOAD_CHUNK, chunk,
                           SEPTUM_BUF_IN);
        CHECK_EQ(fake_calls[i].args[4], chunk);
    }
    free(data);
    septum_close(h);
}

TEST(load_stops_at_the_first_error)
{
    struct septum *h = fake_open();
    size_t len = 3 * SEPTUM_LOAD_CHUNK;
    unsigned char *data = calloc(1, len);

    fake_push_x0(0);
    fake_push_x0(-EFAULT);
    CHECK_EQ(septum_domain_load(h, 3, 0x40000000, data, len), -EFAULT);
    CHECK_EQ(fake_nr_calls, 2);
    free(data);
    septum_close(h);
}

TEST(load_rejects_a_wrapping_range_and_skips_empty_loads)
{
    struct septum *h = fake_open();
    unsigned char byte = 0;

    CHECK_EQ(septum_domain_load(h, 3, UINT64_MAX, &byte, 2), -EINVAL);
    CHECK_EQ(septum_domain_load(h, 3, 0x40000000, &byte, 0), 0);
    CHECK_EQ(fake_nr_calls, 0);
    septum_close(h);
}

TEST(set_boot_passes_entry_and_dtb)
{
    struct septum *h = fake_open();

    CHECK_EQ(septum_domain_set_boot(h, 2, 0x40080000, 0), 0);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_SET_BOOT);
    CHECK_EQ(fake_calls[0].args[1], 2);
    CHECK_EQ(fake_calls[0].args[2], 0x40080000);
    CHECK_EQ(fake_calls[0].args[3], 0);
    CHECK_EQ(fake_calls[0].nr_bufs, 0);
    septum_close(h);
}

/* A new domain's RAM is zeroed by its own pCPU after DOMAIN_CREATE: until
 * then the hypervisor says -EAGAIN and the library calls again. */
TEST(calls_refused_while_a_domain_is_zeroed_are_made_again)
{
    struct septum *h = fake_open();

    fake_push_x0(-EAGAIN);
    fake_push_x0(-EAGAIN);
    fake_push_x0(0);
    CHECK_EQ(septum_domain_start(h, 3), 0);
    CHECK_EQ(fake_nr_calls, 3);
    CHECK_EQ(fake_calls[2].fn, SEPTUM_HC_DOMAIN_START);
    septum_close(h);
}

TEST(life_cycle_calls_use_their_function_ids)
{
    struct septum *h = fake_open();

    CHECK_EQ(septum_domain_start(h, 7), 0);
    CHECK_EQ(septum_domain_pause(h, 7), 0);
    CHECK_EQ(septum_domain_unpause(h, 7), 0);
    CHECK_EQ(septum_domain_shutdown(h, 7, SEPTUM_SHUTDOWN_REBOOT), 0);
    CHECK_EQ(septum_domain_destroy(h, 7), 0);
    CHECK_EQ(fake_nr_calls, 5);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_START);
    CHECK_EQ(fake_calls[1].fn, SEPTUM_HC_DOMAIN_PAUSE);
    CHECK_EQ(fake_calls[2].fn, SEPTUM_HC_DOMAIN_UNPAUSE);
    CHECK_EQ(fake_calls[3].fn, SEPTUM_HC_DOMAIN_SHUTDOWN);
    CHECK_EQ(fake_calls[3].args[2], SEPTUM_SHUTDOWN_REBOOT);
    CHECK_EQ(fake_calls[4].fn, SEPTUM_HC_DOMAIN_DESTROY);
    for (size_t i = 0; i < 5; i++) {
        CHECK_EQ(fake_calls[i].args[1], 7);
        CHECK_EQ(fake_calls[i].nr_bufs, 0);
    }
    septum_close(h);
}

TEST(list_reports_every_domain_and_fills_what_fits)
{
    struct septum *h = fake_open();
    struct septum_domain_info reply[2] = {{.domid = 0, .name = "Domain-0"}, {.domid = 4}};
    struct septum_domain_info info[2];
    size_t count = 0;

    fake_push((struct fake_reply){.ret = {3}, .out = reply, .out_len = sizeof(reply)});
    CHECK_EQ(septum_domain_list(h, info, 2, &count), 0);
    CHECK_EQ(count, 3);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_LIST);
    fake_expect_buffer(&fake_calls[0], 0, 1, info, sizeof(info), SEPTUM_BUF_OUT);
    CHECK_EQ(fake_calls[0].args[2], sizeof(info));
    CHECK(strcmp(info[0].name, "Domain-0") == 0);
    CHECK_EQ(info[1].domid, 4);
    septum_close(h);
}

TEST(list_without_a_buffer_only_counts)
{
    struct septum *h = fake_open();
    size_t count = 0;

    fake_push_x0(2);
    CHECK_EQ(septum_domain_list(h, NULL, 0, &count), 0);
    CHECK_EQ(count, 2);
    CHECK_EQ(fake_calls[0].nr_bufs, 1); /* declared, empty: the driver wants it */
    CHECK_EQ(fake_calls[0].bufs[0].len, 0);
    CHECK_EQ(fake_calls[0].args[2], 0);
    septum_close(h);
}

TEST(list_never_asks_the_driver_for_more_than_it_bounces)
{
    struct septum *h = fake_open();
    size_t max = SEPTUM_IOCTL_BUF_MAX / sizeof(struct septum_domain_info) + 10;
    struct septum_domain_info *info = calloc(max, sizeof(*info));
    size_t count;

    CHECK_EQ(septum_domain_list(h, info, max, &count), 0);
    CHECK(fake_calls[0].bufs[0].len <= SEPTUM_IOCTL_BUF_MAX);
    CHECK_EQ(fake_calls[0].bufs[0].len, fake_calls[0].args[2]);
    free(info);
    septum_close(h);
}

TEST(list_all_grows_until_every_domain_fits)
{
    struct septum *h = fake_open();
    struct septum_domain_info *reply = calloc(20, sizeof(*reply)), *info;
    size_t count;

    for (uint32_t i = 0; i < 20; i++)
        reply[i].domid = i;
    fake_push((struct fake_reply){.ret = {20}});
    fake_push((struct fake_reply){.ret = {20}, .out = reply, .out_len = 20 * sizeof(*reply)});
    CHECK_EQ(septum_domain_list_all(h, &info, &count), 0);
    CHECK_EQ(count, 20);
    CHECK_EQ(info[19].domid, 19);
    CHECK_EQ(fake_nr_calls, 2);
    CHECK(fake_calls[1].args[2] >= 20 * sizeof(*reply));
    free(info);
    free(reply);
    septum_close(h);
}

TEST(info_vcpu_and_stats_take_the_domain_in_x1_and_a_buffer_in_x2)
{
    struct septum *h = fake_open();
    struct septum_vcpu_info vreply[2] = {{.vcpu = 0, .pcpu = 2}, {.vcpu = 1, .pcpu = 3}};
    struct septum_vcpu_info vcpus[SEPTUM_MAX_VCPUS];
    struct septum_domain_stats stats;
    struct septum_domain_info info;
    size_t count;

    CHECK_EQ(septum_domain_info(h, 6, &info), 0);
    fake_push((struct fake_reply){.ret = {2}, .out = vreply, .out_len = sizeof(vreply)});
    CHECK_EQ(septum_vcpu_info(h, 6, vcpus, SEPTUM_MAX_VCPUS, &count), 0);
    CHECK_EQ(septum_domain_stats(h, 6, &stats), 0);

    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_INFO);
    fake_expect_buffer(&fake_calls[0], 0, 2, &info, sizeof(info), SEPTUM_BUF_OUT);
    CHECK_EQ(fake_calls[1].fn, SEPTUM_HC_VCPU_INFO);
    fake_expect_buffer(&fake_calls[1], 0, 2, vcpus, sizeof(vcpus), SEPTUM_BUF_OUT);
    CHECK_EQ(fake_calls[2].fn, SEPTUM_HC_DOMAIN_STATS);
    fake_expect_buffer(&fake_calls[2], 0, 2, &stats, sizeof(stats), SEPTUM_BUF_OUT);
    for (size_t i = 0; i < 3; i++) {
        CHECK_EQ(fake_calls[i].args[1], 6);
        CHECK_EQ(fake_calls[i].args[3], fake_calls[i].bufs[0].len);
    }
    CHECK_EQ(count, 2);
    CHECK_EQ(vcpus[1].pcpu, 3);
    septum_close(h);
}

TEST(unpause_starts_a_domain_created_paused)
{
    struct septum *h = fake_open();
    struct septum_domain_info created = {.domid = 4, .state = SEPTUM_STATE_CREATED};

    fake_push_x0(-EBUSY); /* UNPAUSE: not PAUSED */
    fake_push((struct fake_reply){.out = &created, .out_len = sizeof(created)});
    CHECK_EQ(septum_domain_unpause(h, 4), 0);
    CHECK_EQ(fake_nr_calls, 3);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_UNPAUSE);
    CHECK_EQ(fake_calls[1].fn, SEPTUM_HC_DOMAIN_INFO);
    CHECK_EQ(fake_calls[2].fn, SEPTUM_HC_DOMAIN_START);
    CHECK_EQ(fake_calls[2].args[1], 4);
    septum_close(h);
}

TEST(unpause_of_a_running_domain_stays_refused)
{
    struct septum *h = fake_open();
    struct septum_domain_info running = {.domid = 4, .state = SEPTUM_STATE_RUNNING};

    fake_push_x0(-EBUSY);
    fake_push((struct fake_reply){.out = &running, .out_len = sizeof(running)});
    CHECK_EQ(septum_domain_unpause(h, 4), -EBUSY);
    CHECK_EQ(fake_nr_calls, 2);
    septum_close(h);
}

TEST(pause_asks_again_until_the_vcpus_are_out)
{
    struct septum *h = fake_open();

    fake_push_x0(-EAGAIN);
    fake_push_x0(-EAGAIN);
    fake_push_x0(0);
    CHECK_EQ(septum_domain_pause(h, 2), 0);
    CHECK_EQ(fake_nr_calls, 3);
    for (size_t i = 0; i < 3; i++)
        CHECK_EQ(fake_calls[i].fn, SEPTUM_HC_DOMAIN_PAUSE);
    septum_close(h);
}
