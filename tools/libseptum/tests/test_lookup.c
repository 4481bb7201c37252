/* Finding a domain by name or id. */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "fake_transport.h"

static const struct septum_domain_info domains[] = {
    {.domid = 0, .state = SEPTUM_STATE_RUNNING, .name = "Domain-0"},
    {.domid = 3, .state = SEPTUM_STATE_DESTROYED, .name = "web"},
    {.domid = 4, .state = SEPTUM_STATE_RUNNING, .name = "web"},
    {.domid = 5, .state = SEPTUM_STATE_PAUSED, .name = "db"},
    {.domid = 6, .state = SEPTUM_STATE_CRASHED, .name = "db"},
};

static void push_domains(void)
{
    size_t n = sizeof(domains) / sizeof(domains[0]);

    fake_push((struct fake_reply){.ret = {n}, .out = domains, .out_len = sizeof(domains)});
}

TEST(lookup_by_id_checks_the_domain_exists)
{
    struct septum *h = fake_open();
    uint32_t domid = 0;

    CHECK_EQ(septum_domain_lookup(h, "12", &domid), 0);
    CHECK_EQ(domid, 12);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_INFO);
    CHECK_EQ(fake_calls[0].args[1], 12);
    fake_push_x0(-ESRCH);
    CHECK_EQ(septum_domain_lookup(h, "13", &domid), -ESRCH);
    CHECK_EQ(septum_domain_lookup(h, "99999999999", &domid), -ESRCH);
    septum_close(h);
}

TEST(lookup_by_name_ignores_destroyed_domains)
{
    struct septum *h = fake_open();
    uint32_t domid = 0;

    push_domains();
    CHECK_EQ(septum_domain_lookup(h, "web", &domid), 0);
    CHECK_EQ(domid, 4);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_LIST);
    septum_close(h);
}

TEST(lookup_by_name_reports_missing_and_ambiguous_names)
{
    struct septum *h = fake_open();
    uint32_t domid;

    push_domains();
    CHECK_EQ(septum_domain_lookup(h, "nosuch", &domid), -ESRCH);
    push_domains();
    CHECK_EQ(septum_domain_lookup(h, "db", &domid), -ENOTUNIQ);
    push_domains();
    CHECK_EQ(septum_domain_lookup(h, "4x", &domid), -ESRCH);
    septum_close(h);
}

TEST(enumeration_names)
{
    CHECK(strcmp(septum_state_name(SEPTUM_STATE_RUNNING), "running") == 0);
    CHECK(strcmp(septum_state_name(SEPTUM_STATE_SHUTTING_DOWN), "shutting-down") == 0);
    CHECK(strcmp(septum_state_name(SEPTUM_STATE_CRASHED), "crashed") == 0);
    CHECK(strcmp(septum_state_name(99), "unknown") == 0);
    CHECK(strcmp(septum_vcpu_power_name(SEPTUM_VCPU_ON_PENDING), "starting") == 0);
    CHECK(strcmp(septum_vcpu_power_name(3), "unknown") == 0);
    CHECK(strcmp(septum_exit_name(SEPTUM_EXIT_MMIO), "mmio") == 0);
    CHECK(strcmp(septum_exit_name(SEPTUM_EXIT_CAUSES), "unknown") == 0);
}
