/* The hypercall core: status conversion, NOT_SUPPORTED detection, raw
 * calls and the host-wide queries. */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "fake_transport.h"

TEST(version_returns_x0)
{
    struct septum *h = fake_open();
    uint32_t abi = 0;

    fake_push_x0(SEPTUM_ABI_VERSION);
    CHECK_EQ(septum_version(h, &abi), 0);
    CHECK_EQ(abi, SEPTUM_ABI_VERSION);
    CHECK_EQ(fake_nr_calls, 1);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_VERSION);
    CHECK_EQ(fake_calls[0].nr_bufs, 0);
    septum_close(h);
}

TEST(check_abi_accepts_newer_minor_only)
{
    struct septum *h = fake_open();

    fake_push_x0(SEPTUM_ABI_VERSION + 3);
    CHECK_EQ(septum_check_abi(h), 0);
    fake_push_x0((SEPTUM_ABI_MAJOR + 1) << 16);
    CHECK_EQ(septum_check_abi(h), -EPROTONOSUPPORT);
    septum_close(h);
}

TEST(transport_failure_is_returned)
{
    struct septum *h = fake_open();
    uint32_t abi;

    fake_push((struct fake_reply){.transport_rc = -ENOTTY});
    CHECK_EQ(septum_version(h, &abi), -ENOTTY);
    septum_close(h);
}

TEST(negative_x0_is_an_errno)
{
    struct septum *h = fake_open();

    fake_push_x0(-ESRCH);
    CHECK_EQ(septum_domain_start(h, 4), -ESRCH);
    CHECK_EQ(fake_nr_calls, 1);
    septum_close(h);
}

TEST(x0_beyond_errno_range_is_a_protocol_error)
{
    struct septum *h = fake_open();

    fake_push_x0(-5000);
    CHECK_EQ(septum_domain_start(h, 4), -EPROTO);
    septum_close(h);
}

TEST(not_supported_is_told_apart_by_features)
{
    struct septum *h = fake_open();

    fake_push_x0(SMCCC_NOT_SUPPORTED);
    fake_push_x0(SMCCC_NOT_SUPPORTED);
    CHECK_EQ(septum_domain_pause(h, 2), -ENOSYS);
    CHECK_EQ(fake_nr_calls, 2);
    CHECK_EQ(fake_calls[1].fn, SEPTUM_HC_FEATURES);
    CHECK_EQ(fake_calls[1].args[1], SEPTUM_HC_DOMAIN_PAUSE);
    septum_close(h);
}

TEST(eperm_stays_eperm_when_the_call_exists)
{
    struct septum *h = fake_open();

    fake_push_x0(-EPERM);
    fake_push_x0(0);
    CHECK_EQ(septum_domain_pause(h, 2), -EPERM);
    CHECK_EQ(fake_calls[1].fn, SEPTUM_HC_FEATURES);
    septum_close(h);
}

TEST(features_maps_not_supported_to_enosys)
{
    struct septum *h = fake_open();

    fake_push_x0(0);
    CHECK_EQ(septum_features(h, SEPTUM_HC_DOMAIN_STATS), 0);
    fake_push_x0(SMCCC_NOT_SUPPORTED);
    CHECK_EQ(septum_features(h, 0xc600ffffu), -ENOSYS);
    /* FEATURES itself is never probed: one call each. */
    CHECK_EQ(fake_nr_calls, 2);
    CHECK_EQ(fake_calls[1].args[1], 0xc600ffffu);
    septum_close(h);
}

TEST(whoami_returns_domain_and_vcpu)
{
    struct septum *h = fake_open();
    uint32_t domid, vcpu;

    fake_push((struct fake_reply){.ret = {3, 1}});
    CHECK_EQ(septum_whoami(h, &domid, &vcpu), 0);
    CHECK_EQ(domid, 3);
    CHECK_EQ(vcpu, 1);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_WHOAMI);
    septum_close(h);
}

TEST(physinfo_passes_an_out_buffer_in_x1)
{
    struct septum *h = fake_open();
    struct septum_physinfo reply = {.nr_pcpus = 4, .mem_total = 2ull << 30}, info;

    fake_push((struct fake_reply){.out = &reply, .out_len = sizeof(reply)});
    CHECK_EQ(septum_physinfo(h, &info), 0);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_PHYSINFO);
    CHECK_EQ(fake_calls[0].nr_bufs, 1);
    fake_expect_buffer(&fake_calls[0], 0, 1, &info, sizeof(info), SEPTUM_BUF_OUT);
    CHECK_EQ(fake_calls[0].args[2], sizeof(info));
    CHECK_EQ(info.nr_pcpus, 4);
    CHECK_EQ(info.mem_total, 2ull << 30);
    septum_close(h);
}

TEST(raw_passes_arguments_and_returns_registers_untouched)
{
    struct septum *h = fake_open();
    const uint64_t args[5] = {1, 2, 0xdead0000, 4, 5};
    uint64_t ret[4];

    fake_push((struct fake_reply){.ret = {(uint64_t)-ESRCH, 7, 8, 9}});
    CHECK_EQ(septum_hypercall_raw(h, SEPTUM_HC_DOMAIN_PAUSE, args, NULL, 0, ret), 0);
    CHECK_EQ(fake_nr_calls, 1); /* no FEATURES probe, no conversion */
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_PAUSE);
    CHECK_EQ(fake_calls[0].nr_bufs, 0);
    CHECK(memcmp(&fake_calls[0].args[1], args, sizeof(args)) == 0);
    CHECK_EQ(ret[0], (uint64_t)-ESRCH);
    CHECK_EQ(ret[3], 9);
    septum_close(h);
}

/* What the driver refuses, the test transport refuses too: a call that
 * takes a buffer cannot be made with raw registers, nor an unknown call. */
TEST(raw_cannot_pass_an_address_or_an_unknown_call)
{
    struct septum *h = fake_open();
    const uint64_t args[5] = {0xdead0000, 104, 0, 0, 0};
    uint64_t ret[4];

    char buf[64];

    CHECK_EQ(septum_hypercall_raw(h, SEPTUM_HC_PHYSINFO, args, NULL, 0, ret), -EINVAL);
    CHECK_EQ(septum_hypercall_raw(h, SEPTUM_HC_LOG_READ, args, NULL, 0, ret), -EINVAL);
    CHECK_EQ(septum_hypercall_raw(h, SEPTUM_HC(SEPTUM_HC_COUNT), args, NULL, 0, ret), -EOPNOTSUPP);
    CHECK_EQ(septum_hypercall_raw(h, 0x84000008, args, NULL, 0, ret), -EOPNOTSUPP); /* PSCI */
    /* With a buffer, its length replaces whatever length the caller typed. */
    CHECK_EQ(septum_hypercall_raw(h, SEPTUM_HC_LOG_READ, args, buf, sizeof(buf), ret), 0);
    CHECK_EQ(fake_calls[fake_nr_calls - 1].args[2], sizeof(buf));
    septum_close(h);
}

/* Every call the library makes declares exactly the buffer the shared
 * layout table names, with the length register matching it. */
TEST(library_buffers_follow_the_call_layouts)
{
    struct septum *h = fake_open();
    struct septum_physinfo pi;
    struct septum_domain_info di;
    char buf[64];
    uint64_t pos = 0;

    CHECK_EQ(septum_physinfo(h, &pi), 0);
    CHECK_EQ(septum_domain_info(h, 1, &di), 0);
    CHECK_EQ(septum_log_read(h, buf, sizeof(buf), &pos), 0);
    for (size_t i = 0; i < fake_nr_calls; i++) {
        struct septum_call_layout l;

        CHECK_EQ(septum_ioctl_check(&fake_calls[i], &l), 0);
        CHECK_EQ(fake_calls[i].args[l.len_reg], fake_calls[i].bufs[0].len);
    }
    CHECK_EQ(fake_calls[2].bufs[0].len, sizeof(buf));
    septum_close(h);
}

TEST(open_transport_needs_a_hypercall_function)
{
    struct septum_transport t = {0};
    struct septum *h;

    CHECK_EQ(septum_open_transport(&t, &h), -EINVAL);
}
