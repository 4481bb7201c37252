/* The emulated PLIC on the host: claims by priority over thresholds, level
 * and edge sources through claim and completion, a context per vCPU and
 * the notifications that drive its VS external interrupt, masked register
 * bits, refused accesses, reset. */
#include <string.h>
#include <septum/devmgr.h>
#include <septum/errno.h>
#include <septum/vm.h>
#include <arch/vplic.h>
#include "check.h"
#include "test_hal.h"

#define PRIORITY(src) (4u * (src))
#define PENDING(word) (0x1000u + 4u * (word))
#define ENABLE(ctx, word) (0x2000u + 0x80u * (ctx) + 4u * (word))
#define THRESHOLD(ctx) (0x200000u + 0x1000u * (ctx))
#define CLAIM(ctx) (THRESHOLD(ctx) + 4u)
#define VCPUS 2

static struct vm domain;
static struct vm *vm = &domain;
static struct vplic plic;
/* vplic_notify() calls per vCPU, and what vplic_pending() said at the last. */
static unsigned notified[VCPUS];
static bool eip_seen[VCPUS];

void vplic_notify(struct vcpu *vcpu)
{
    CHECK(vcpu->vm == vm && vcpu->id < VCPUS);
    notified[vcpu->id]++;
    eip_seen[vcpu->id] = vplic_pending(&plic, vcpu->id);
}

static void plic_domain(void)
{
    test_hal_reset();
    memset(vm, 0, sizeof(*vm));
    memset(notified, 0, sizeof(notified));
    memset(eip_seen, 0, sizeof(eip_seen));
    vm->config.nr_vcpus = VCPUS;
    for (unsigned i = 0; i < VCPUS; i++) {
        vm->vcpus[i].vm = vm;
        vm->vcpus[i].id = i;
        vm->vcpus[i].pcpu = i;
    }
    CHECK_EQ(devmgr_init(&vm->devices, 1), 0);
    CHECK_EQ(vplic_init(vm, &plic), 0);
}

static void plic_domain_free(void)
{
    devmgr_release(&vm->devices);
}

static int access(uint64_t off, unsigned size, bool write, uint64_t *value)
{
    return devmgr_access(&vm->devices, &vm->vcpus[0], VPLIC_BASE + off, size, write, value);
}

static uint32_t rd(uint64_t off)
{
    uint64_t v = 0xdeadbeefdeadull;

    CHECK_EQ(access(off, 4, false, &v), 0);
    CHECK(v <= 0xffffffffull);
    return (uint32_t)v;
}

static void wr(uint64_t off, uint32_t value)
{
    uint64_t v = value;

    CHECK_EQ(access(off, 4, true, &v), 0);
}

static bool is_pending(unsigned src)
{
    return rd(PENDING(src / 32)) >> (src % 32) & 1;
}

static void enable(unsigned ctx, unsigned src)
{
    wr(ENABLE(ctx, src / 32), rd(ENABLE(ctx, src / 32)) | 1u << (src % 32));
}

TEST(vplic_claims_the_highest_priority_source_above_the_threshold)
{
    plic_domain();
    wr(PRIORITY(10), 1);
    wr(PRIORITY(5), 3);
    wr(PRIORITY(33), 3);
    wr(PRIORITY(40), 2); /* pending but not enabled */
    enable(0, 10);
    enable(0, 5);
    enable(0, 33);
    CHECK_EQ(vplic_raise(&plic, 10), 0);
    CHECK_EQ(vplic_raise(&plic, 5), 0);
    CHECK_EQ(vplic_raise(&plic, 33), 0);
    CHECK_EQ(vplic_raise(&plic, 40), 0);
    CHECK_EQ(rd(PENDING(0)), 1u << 10 | 1u << 5);
    CHECK_EQ(rd(PENDING(1)), 1u << 1 | 1u << 8);
    CHECK(vplic_pending(&plic, 0));
    CHECK(!vplic_pending(&plic, 1));

    /* Above the threshold only: 3 hides them all. */
    wr(THRESHOLD(0), 3);
    CHECK(!vplic_pending(&plic, 0));
    CHECK_EQ(rd(CLAIM(0)), 0);
    CHECK(is_pending(5)); /* a claim of nothing takes nothing */

    /* Highest priority first, the lowest id among equals. */
    wr(THRESHOLD(0), 1);
    CHECK_EQ(rd(CLAIM(0)), 5);
    CHECK(!is_pending(5));
    CHECK_EQ(rd(CLAIM(0)), 33);
    CHECK(!vplic_pending(&plic, 0)); /* 10 is at the threshold, not above */
    CHECK_EQ(rd(CLAIM(0)), 0);
    wr(THRESHOLD(0), 0);
    CHECK(vplic_pending(&plic, 0));
    CHECK_EQ(rd(CLAIM(0)), 10);
    CHECK(!vplic_pending(&plic, 0));

    /* Priority 0 never interrupts. */
    wr(PRIORITY(40), 0);
    enable(0, 40);
    CHECK(!vplic_pending(&plic, 0));
    CHECK_EQ(rd(CLAIM(0)), 0);
    plic_domain_free();
}

TEST(vplic_level_sources_come_back_after_completion_while_high)
{
    plic_domain();
    wr(PRIORITY(10), 1);
    enable(0, 10);
    CHECK_EQ(vplic_raise(&plic, 10), 0);
    CHECK_EQ(rd(CLAIM(0)), 10);
    /* Being served: no second request until it completes. */
    CHECK_EQ(vplic_raise(&plic, 10), 0);
    CHECK(!is_pending(10));
    CHECK_EQ(rd(CLAIM(0)), 0);
    wr(CLAIM(0), 10);
    CHECK(is_pending(10)); /* still high */
    CHECK_EQ(rd(CLAIM(0)), 10);
    CHECK_EQ(vplic_lower(&plic, 10), 0);
    wr(CLAIM(0), 10);
    CHECK(!is_pending(10)); /* low at completion: done */
    CHECK(!vplic_pending(&plic, 0));

    /* A level that falls before anyone claims it is withdrawn. */
    CHECK_EQ(vplic_raise(&plic, 10), 0);
    CHECK(vplic_pending(&plic, 0));
    CHECK_EQ(vplic_lower(&plic, 10), 0);
    CHECK(!is_pending(10));
    CHECK(!vplic_pending(&plic, 0));
    CHECK_EQ(rd(CLAIM(0)), 0);
    plic_domain_free();
}

TEST(vplic_edges_wait_while_their_source_is_served)
{
    plic_domain();
    wr(PRIORITY(7), 2);
    enable(0, 7);
    CHECK_EQ(vplic_trigger(&plic, 7), 0);
    CHECK_EQ(vplic_trigger(&plic, 7), 0); /* merged with the first */
    CHECK_EQ(rd(CLAIM(0)), 7);
    CHECK_EQ(rd(CLAIM(0)), 0);
    wr(CLAIM(0), 7);
    CHECK(!is_pending(7)); /* an edge is not a level: one request each */

    CHECK_EQ(vplic_trigger(&plic, 7), 0);
    CHECK_EQ(rd(CLAIM(0)), 7);
    CHECK_EQ(vplic_trigger(&plic, 7), 0); /* while served: kept */
    CHECK(!is_pending(7));
    CHECK_EQ(vplic_lower(&plic, 7), 0); /* no level to drop */
    wr(CLAIM(0), 7);
    CHECK(is_pending(7));
    CHECK_EQ(rd(CLAIM(0)), 7);
    wr(CLAIM(0), 7);
    CHECK(!is_pending(7));
    plic_domain_free();
}

TEST(vplic_contexts_are_per_vcpu_and_notify_on_change)
{
    plic_domain();
    wr(PRIORITY(10), 1);
    enable(1, 10);
    CHECK_EQ(notified[0] + notified[1], 0);

    CHECK_EQ(vplic_raise(&plic, 10), 0);
    CHECK_EQ(notified[1], 1);
    CHECK(eip_seen[1]);
    CHECK_EQ(notified[0], 0);
    CHECK(vplic_pending(&plic, 1));
    CHECK(!vplic_pending(&plic, 0));
    CHECK_EQ(rd(CLAIM(0)), 0); /* not enabled for context 0 */

    /* No change, no notification. */
    CHECK_EQ(vplic_raise(&plic, 10), 0);
    CHECK_EQ(notified[1], 1);

    CHECK_EQ(rd(CLAIM(1)), 10);
    CHECK_EQ(notified[1], 2);
    CHECK(!eip_seen[1]);
    /* Completion by a context the source is not enabled for: ignored. */
    wr(CLAIM(0), 10);
    CHECK(!is_pending(10));
    wr(CLAIM(1), 10);
    CHECK(is_pending(10));
    CHECK_EQ(notified[1], 3);
    CHECK(eip_seen[1]);

    /* Moving the source (Linux's set_affinity: enables rewritten) moves
     * the interrupt, and tells both vCPUs. */
    wr(ENABLE(1, 0), 0);
    enable(0, 10);
    CHECK_EQ(notified[1], 4);
    CHECK(!eip_seen[1]);
    CHECK_EQ(notified[0], 1);
    CHECK(eip_seen[0]);
    CHECK_EQ(rd(CLAIM(0)), 10);
    plic_domain_free();
}

TEST(vplic_registers_keep_only_their_bits)
{
    plic_domain();
    wr(PRIORITY(1), 0xffffffff);
    CHECK_EQ(rd(PRIORITY(1)), VPLIC_MAX_PRIORITY);
    wr(PRIORITY(0), 5); /* source 0 does not exist */
    CHECK_EQ(rd(PRIORITY(0)), 0);
    wr(THRESHOLD(1), 0xffffffff);
    CHECK_EQ(rd(THRESHOLD(1)), VPLIC_MAX_PRIORITY);
    wr(ENABLE(0, 0), 0xffffffff);
    CHECK_EQ(rd(ENABLE(0, 0)), 0xfffffffe);
    wr(ENABLE(0, 1), 0x80000001);
    CHECK_EQ(rd(ENABLE(0, 1)), 0x80000001);
    CHECK_EQ(rd(ENABLE(0, 0)), 0xfffffffe);
    CHECK_EQ(rd(ENABLE(1, 0)), 0);

    /* Pending bits are the sources', not the guest's to set. */
    wr(PENDING(0), 0xffffffff);
    CHECK_EQ(rd(PENDING(0)), 0);
    CHECK(!vplic_pending(&plic, 0));
    /* Completing what was never claimed changes nothing. */
    wr(CLAIM(0), 63);
    wr(CLAIM(0), 1000);
    CHECK_EQ(rd(PENDING(1)), 0);
    plic_domain_free();
}

TEST(vplic_refuses_accesses_that_name_no_register)
{
    static const uint64_t bad[] = {
        PRIORITY(VPLIC_NDEV + 1), /* sources 1..63 only */
        PENDING(2),
        ENABLE(0, 2),
        ENABLE(VCPUS, 0), /* a context per vCPU, no more */
        THRESHOLD(VCPUS),
        CLAIM(VCPUS),
        THRESHOLD(0) + 8,
        THRESHOLD(0) + 0xffc,
        0x1ffffc,
        VPLIC_SIZE - 4,
    };
    uint64_t v = 0;

    plic_domain();
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK_EQ(access(bad[i], 4, false, &v), -EINVAL);
        CHECK_EQ(access(bad[i], 4, true, &v), -EINVAL);
    }
    CHECK_EQ(access(PRIORITY(1), 1, false, &v), -EINVAL); /* 32-bit registers */
    CHECK_EQ(access(PRIORITY(1), 2, true, &v), -EINVAL);
    CHECK_EQ(access(CLAIM(0), 8, false, &v), -EINVAL);
    CHECK_EQ(access(PRIORITY(1) + 2, 4, false, &v), -EINVAL);
    CHECK_EQ(vplic_raise(&plic, 0), -EINVAL);
    CHECK_EQ(vplic_raise(&plic, VPLIC_NDEV + 1), -EINVAL);
    CHECK_EQ(vplic_lower(&plic, 64), -EINVAL);
    CHECK_EQ(vplic_trigger(&plic, 1000), -EINVAL);
    CHECK_EQ(rd(PENDING(0)) | rd(PENDING(1)), 0);
    plic_domain_free();
}

TEST(vplic_reset_masks_and_forgets_everything)
{
    plic_domain();
    wr(PRIORITY(3), 4);
    wr(THRESHOLD(1), 2);
    enable(0, 3);
    CHECK_EQ(vplic_raise(&plic, 3), 0);
    CHECK_EQ(rd(CLAIM(0)), 3);
    CHECK_EQ(vplic_raise(&plic, 4), 0);
    vplic_reset(&plic);
    CHECK_EQ(rd(PRIORITY(3)), 0);
    CHECK_EQ(rd(THRESHOLD(1)), 0);
    CHECK_EQ(rd(ENABLE(0, 0)), 0);
    CHECK_EQ(rd(PENDING(0)), 0);
    CHECK(!vplic_pending(&plic, 0));
    /* Nothing is left claimed: source 3 can be requested again. */
    wr(PRIORITY(3), 1);
    enable(0, 3);
    CHECK_EQ(vplic_trigger(&plic, 3), 0);
    CHECK_EQ(rd(CLAIM(0)), 3);
    plic_domain_free();
}
