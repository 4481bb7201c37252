/* Making a planned domain: the hypercalls in order, and nothing left
 * behind when one fails. */
#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "fake_transport.h"
#include "plan.h"

static unsigned char kernel[8192], initrd[4096], dtb[1024];

static struct domain_plan plan(void)
{
    struct domain_plan p = {
        .kernel = {.data = kernel, .len = sizeof(kernel), .ipa = 0x40080000},
        .initrd = {.data = initrd, .len = sizeof(initrd), .ipa = 0x40ff0000},
        .dtb = {.data = dtb, .len = sizeof(dtb), .ipa = 0x40ff0000 + 0x10000 - 0x10000},
        .entry = 0x40080000,
    };

    septum_domain_config_init(&p.config);
    septum_domain_config_set_name(&p.config, "t");
    p.config.nr_vcpus = 1;
    p.config.mem_size = 16u << 20;
    return p;
}

TEST(build_creates_loads_and_sets_the_boot)
{
    struct septum *h = fake_open();
    struct domain_plan p = plan();
    uint32_t domid = 0;

    fake_push_x0(7);
    CHECK_EQ(domain_plan_build(h, &p, &(struct diag_sink){.out = stderr}, &domid), 0);
    CHECK_EQ(domid, 7);
    CHECK_EQ(fake_nr_calls, 5);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_CREATE);
    fake_expect_buffer(&fake_calls[0], 0, 1, &p.config, sizeof(p.config), SEPTUM_BUF_IN);
    for (int i = 1; i <= 3; i++) {
        const struct placed_file *f = i == 1 ? &p.kernel : i == 2 ? &p.initrd : &p.dtb;

        CHECK_EQ(fake_calls[i].fn, SEPTUM_HC_DOMAIN_LOAD);
        CHECK_EQ(fake_calls[i].args[1], 7);
        CHECK_EQ(fake_calls[i].args[2], f->ipa);
        fake_expect_buffer(&fake_calls[i], 0, 3, f->data, f->len, SEPTUM_BUF_IN);
    }
    CHECK_EQ(fake_calls[4].fn, SEPTUM_HC_DOMAIN_SET_BOOT);
    CHECK_EQ(fake_calls[4].args[2], 0x40080000);
    CHECK_EQ(fake_calls[4].args[3], p.dtb.ipa);
    septum_close(h);
}

TEST(build_without_initrd_skips_its_load)
{
    struct septum *h = fake_open();
    struct domain_plan p = plan();
    uint32_t domid;

    p.initrd.len = 0;
    fake_push_x0(2);
    CHECK_EQ(domain_plan_build(h, &p, &(struct diag_sink){.out = stderr}, &domid), 0);
    CHECK_EQ(fake_nr_calls, 4);
    CHECK_EQ(fake_calls[2].args[2], p.dtb.ipa);
    septum_close(h);
}

TEST(build_destroys_the_domain_when_a_step_fails)
{
    struct septum *h = fake_open();
    struct domain_plan p = plan();
    uint32_t domid = 0;

    fake_push_x0(4);
    fake_push_x0(0);
    fake_push_x0(-ENOSPC); /* the initramfs */
    CHECK_EQ(domain_plan_build(h, &p, &(struct diag_sink){.out = stderr}, &domid), -ENOSPC);
    CHECK_EQ(domid, 0);
    CHECK_EQ(fake_calls[fake_nr_calls - 1].fn, SEPTUM_HC_DOMAIN_DESTROY);
    CHECK_EQ(fake_calls[fake_nr_calls - 1].args[1], 4);
    septum_close(h);
}
