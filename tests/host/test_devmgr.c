/* The device manager's table and dispatch. */
#include <septum/devmgr.h>
#include <septum/errno.h>
#include "check.h"
#include "test_hal.h"

static int echo(void *opaque, struct vcpu *vcpu, uint64_t offset, unsigned size, bool write,
                uint64_t *value)
{
    (void)vcpu;
    (void)size;
    if (write)
        *(uint64_t *)opaque = *value;
    else
        *value = offset + *(uint64_t *)opaque;
    return 0;
}

TEST(devmgr_keeps_table_sorted_and_rejects_overlap)
{
    struct devmgr dm;
    uint64_t state = 0;

    CHECK_EQ(devmgr_init(&dm, 3), 0);
    CHECK_EQ(devmgr_register(&dm, 0x9000000, 0x1000, echo, &state, "uart"), 0);
    CHECK_EQ(devmgr_register(&dm, 0x8000000, 0x10000, echo, &state, "gicd"), 0);
    CHECK_EQ(devmgr_register(&dm, 0x8008000, 0x1000, echo, &state, "x"), -EEXIST);
    CHECK_EQ(devmgr_register(&dm, 0x8fff000, 0x2000, echo, &state, "x"), -EEXIST);
    CHECK_EQ(devmgr_register(&dm, 0x80a0000, 0x20000, echo, &state, "gicr"), 0);
    CHECK_EQ(devmgr_register(&dm, 0xa000000, 0x1000, echo, &state, "full"), -ENOSPC);
    CHECK_EQ(devmgr_register(&dm, 0xa000000, 0, echo, &state, "empty"), -EINVAL);
    CHECK(dm.devices[0].base < dm.devices[1].base && dm.devices[1].base < dm.devices[2].base);
    CHECK(devmgr_find(&dm, 0x80bffff) == &dm.devices[1]);
    CHECK(devmgr_find(&dm, 0x80c0000) == NULL);
    CHECK(devmgr_find(&dm, 0x7ffffff) == NULL);
    devmgr_release(&dm);
}

static struct mmio_counters sum(const struct devmgr *dm, unsigned index)
{
    struct mmio_counters c;

    devmgr_sum_counters(dm, index, &c);
    return c;
}

TEST(devmgr_dispatches_and_counts)
{
    struct devmgr dm;
    uint64_t state = 0, v = 0x55;
    unsigned pages = test_pages_in_use;

    test_hal_reset();
    CHECK_EQ(devmgr_init(&dm, 1), 0);
    CHECK_EQ(devmgr_register(&dm, 0x9000000, 0x1000, echo, &state, "uart"), 0);
    CHECK_EQ(devmgr_access(&dm, NULL, 0x9000000, 4, true, &v), 0);
    CHECK_EQ(state, 0x55);
    CHECK_EQ(devmgr_access(&dm, NULL, 0x9000018, 4, false, &v), 0);
    CHECK_EQ(v, 0x18 + 0x55);
    CHECK_EQ(sum(&dm, 0).reads, 1);
    CHECK_EQ(sum(&dm, 0).writes, 1);
    CHECK_EQ(devmgr_access(&dm, NULL, 0x9000ffc, 8, false, &v), -ERANGE);
    CHECK_EQ(devmgr_access(&dm, NULL, 0x9001000, 4, false, &v), -ENODEV);
    devmgr_reset_counters(&dm);
    CHECK_EQ(sum(&dm, 0).reads, 0);
    devmgr_release(&dm);
    CHECK_EQ(test_pages_in_use, pages);
}

/* Each CPU counts in its own row and keeps its own lookup hint: what one
 * CPU does never writes what another one does. */
TEST(devmgr_counts_and_remembers_per_cpu)
{
    struct devmgr dm;
    uint64_t state = 0, v;

    test_hal_reset();
    CHECK_EQ(devmgr_init(&dm, 3), 0);
    CHECK_EQ(devmgr_register(&dm, 0x9000000, 0x1000, echo, &state, "uart"), 0);
    CHECK_EQ(devmgr_register(&dm, 0x8000000, 0x10000, echo, &state, "gicd"), 0);
    for (unsigned cpu = 0; cpu < TEST_NR_PCPUS; cpu++) {
        test_pcpu = cpu;
        for (unsigned n = 0; n <= cpu; n++)
            CHECK_EQ(devmgr_access(&dm, NULL, 0x9000018, 4, false, &v), 0);
        CHECK_EQ(devmgr_access(&dm, NULL, 0x8000000 + cpu, 1, true, &v), 0);
        devmgr_count_irq(&dm, 0x9000000);
    }
    /* Each CPU's counters are its own, a cache line apart from the next. */
    CHECK_EQ(dm.devices[1].count[2].reads, 3);
    CHECK_EQ((uintptr_t)&dm.devices[1].count[1] % 64, 0);
    CHECK_EQ((uintptr_t)&dm.devices[1].count[2] - (uintptr_t)&dm.devices[1].count[1], 64);
    CHECK_EQ(sum(&dm, 1).reads, 1 + 2 + 3 + 4); /* the UART sorts after the GICD */
    CHECK_EQ(sum(&dm, 1).irqs, TEST_NR_PCPUS);
    CHECK_EQ(sum(&dm, 0).writes, TEST_NR_PCPUS);
    CHECK_EQ(sum(&dm, 0).reads, 0);
    CHECK_EQ(sum(&dm, 2).reads, 0); /* beyond the devices registered */
    /* Every CPU's last lookup was the GICD. */
    for (unsigned cpu = 0; cpu < TEST_NR_PCPUS; cpu++)
        CHECK(dm.last[cpu] == &dm.devices[0]);
    test_pcpu = 1;
    CHECK(devmgr_find(&dm, 0x9000004) == &dm.devices[1]);
    CHECK(dm.last[1] == &dm.devices[1]);
    CHECK(dm.last[0] == &dm.devices[0]);
    devmgr_release(&dm);
}
