/* Domain configurations, error messages and the ABI's structure sizes. */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "septum.h"

TEST(config_defaults_and_strings)
{
    struct septum_domain_config cfg;
    char name[SEPTUM_NAME_MAX + 1];

    septum_domain_config_init(&cfg);
    CHECK_EQ(cfg.on_poweroff, SEPTUM_ACTION_DESTROY);
    CHECK_EQ(cfg.on_reboot, SEPTUM_ACTION_RESTART);
    CHECK_EQ(cfg.on_crash, SEPTUM_ACTION_PRESERVE);
    CHECK_EQ(cfg.flags, 0);
    memset(name, 'a', sizeof(name) - 1);
    name[SEPTUM_NAME_MAX] = 0;
    CHECK_EQ(septum_domain_config_set_name(&cfg, name), -ENAMETOOLONG);
    name[SEPTUM_NAME_MAX - 1] = 0;
    CHECK_EQ(septum_domain_config_set_name(&cfg, name), 0);
    CHECK_EQ(cfg.name[SEPTUM_NAME_MAX - 1], 0);
    CHECK_EQ(septum_domain_config_set_name(&cfg, ""), -EINVAL);
    CHECK_EQ(septum_domain_config_set_cmdline(&cfg, "console=ttyAMA0"), 0);
    CHECK(strcmp(cfg.cmdline, "console=ttyAMA0") == 0);
}

TEST(error_messages)
{
    CHECK(strcmp(septum_strerror(-ESRCH), "no such domain") == 0);
    CHECK(strcmp(septum_strerror(-ENOSYS), "not supported by this hypervisor") == 0);
    CHECK(strcmp(septum_strerror(0), "success") == 0);
    CHECK(strcmp(septum_strerror(-ENOENT), strerror(ENOENT)) == 0);
}

/* The layouts the hypervisor, the driver and the library must agree on;
 * a change here is an ABI change (SEPTUM_ABI_VERSION). */
TEST(abi_structure_sizes)
{
    CHECK_EQ(sizeof(struct septum_physinfo), 112);
    CHECK_EQ(offsetof(struct septum_physinfo, mem_largest_free), SEPTUM_PHYSINFO_SIZE_1_0);
    CHECK_EQ(sizeof(struct septum_domain_config), 608);
    CHECK_EQ(offsetof(struct septum_domain_config, mem_size), 88);
    CHECK_EQ(sizeof(struct septum_domain_info), 200);
    CHECK_EQ(sizeof(struct septum_vcpu_info), 72);
    CHECK_EQ(sizeof(struct septum_domain_stats), 512);
    CHECK_EQ(offsetof(struct septum_domain_stats, nr_ram_extents), 496);
    CHECK_EQ(offsetof(struct septum_domain_stats, ram_base), SEPTUM_DOMAIN_STATS_SIZE_1_1);
    CHECK_EQ(sizeof(struct septum_shm_attach), 64);
    CHECK_EQ(sizeof(struct septum_resource), 96);
    CHECK_EQ(sizeof(struct septum_ioctl_hypercall), 144);
}
