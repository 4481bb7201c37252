/* Shared-memory regions: the region table (attach, refusals, last peer
 * frees) and the doorbell register page. */
#include <string.h>
#include <septum/errno.h>
#include <septum/shm.h>
#include <septum/vm.h>
#include "check.h"
#include "test_hal.h"

#define MIB (1ull << 20)
#define REGS 0x0b000000ull
#define AREA 0x0b100000ull
#define VIRQ 40

static struct vm *domain(const char *name, unsigned pcpu, bool control)
{
    struct domain_config c = {.nr_vcpus = 1, .mem_size = 4 * MIB};
    struct vm *vm;

    strcpy(c.name, name);
    c.pcpu[0] = pcpu;
    CHECK_EQ(vm_create(&c, &vm), 0);
    if (control) {
        /* The control domain is direct-mapped, which the host arena's
         * addresses (beyond any IPA) cannot be: a domU made to look like
         * it, with its register window, has the same shm rules. */
        vm->config.control = true;
        CHECK_EQ(shm_domain_init(vm), 0);
    }
    return vm;
}

static struct septum_shm_attach req(const char *name, uint64_t size, uint64_t ipa, uint64_t regs,
                                    unsigned virq)
{
    struct septum_shm_attach r = {.size = size, .ipa = ipa, .regs_ipa = regs, .virq = virq};

    strcpy(r.name, name);
    return r;
}

static int attach(struct vm *vm, const char *name, uint64_t size, uint64_t ipa, uint64_t regs,
                  unsigned virq)
{
    struct septum_shm_attach r = req(name, size, ipa, regs, virq);

    return shm_attach(vm, &r);
}

static uint64_t reg_read(struct vm *vm, uint64_t address, unsigned size)
{
    uint64_t v = 0xdeadbeef;

    test_pcpu = vm->vcpus[0].pcpu;
    CHECK_EQ(devmgr_access(&vm->devices, &vm->vcpus[0], address, size, false, &v), 0);
    return v;
}

static void reg_write(struct vm *vm, uint64_t address, uint64_t v)
{
    test_pcpu = vm->vcpus[0].pcpu;
    CHECK_EQ(devmgr_access(&vm->devices, &vm->vcpus[0], address, 4, true, &v), 0);
}

static uint64_t mapped_pa(struct vm *vm, uint64_t ipa)
{
    uint64_t pa = 0;

    CHECK_EQ(stage2_lookup(&vm->aspace.s2, ipa, &pa, NULL), 0);
    return pa;
}

TEST(shm_two_peers_share_zeroed_memory_and_ring_each_other)
{
    struct vm *a, *b;
    uint64_t before;
    const uint8_t *mem;

    test_hal_reset();
    before = test_ram_free();
    a = domain("a", 0, false);
    b = domain("b", 1, false);
    CHECK_EQ(attach(a, "ring0", MIB, AREA, REGS, VIRQ), 0);
    CHECK_EQ(attach(b, "ring0", MIB, 0x60000000, 0x0b001000, VIRQ + 1), 1);
    CHECK_EQ(shm_regions_in_use(), 1);
    CHECK_EQ(mapped_pa(a, AREA + 0x1234), mapped_pa(b, 0x60001234));
    mem = (const uint8_t *)(uintptr_t)mapped_pa(a, AREA);
    for (uint64_t i = 0; i < MIB; i++)
        CHECK_EQ(mem[i], 0); /* the arena held 0xa5 everywhere */

    CHECK_EQ(reg_read(a, REGS + SEPTUM_SHM_REG_MAGIC, 4), SEPTUM_SHM_MAGIC);
    CHECK_EQ(reg_read(b, 0x0b001000 + SEPTUM_SHM_REG_ID, 4), 1);
    CHECK_EQ(reg_read(a, REGS + SEPTUM_SHM_REG_PEERS, 4), 3);
    CHECK_EQ(reg_read(a, REGS + SEPTUM_SHM_REG_SIZE, 8), MIB);
    CHECK_EQ(reg_read(a, REGS + SEPTUM_SHM_REG_SIZE, 4), MIB);
    CHECK_EQ(reg_read(a, REGS + SEPTUM_SHM_REG_SIZE + 4, 4), 0);

    reg_write(a, REGS + SEPTUM_SHM_REG_DOORBELL, 1);
    reg_write(a, REGS + SEPTUM_SHM_REG_DOORBELL, 1);
    CHECK_EQ(test_injections[b->id], 2);
    CHECK_EQ(test_injected[b->id], VIRQ + 1);
    CHECK_EQ(test_injections[a->id], 0);
    CHECK_EQ(reg_read(b, 0x0b001000 + SEPTUM_SHM_REG_RINGS, 4), 2);
    CHECK_EQ(reg_read(a, REGS + SEPTUM_SHM_REG_RINGS, 4), 0);

    reg_write(b, 0x0b001000 + SEPTUM_SHM_REG_DOORBELL, SEPTUM_SHM_RING_ALL);
    CHECK_EQ(test_injections[a->id], 1);
    CHECK_EQ(test_injected[a->id], VIRQ);
    CHECK_EQ(test_injections[b->id], 2); /* not itself */
    /* Nobody at peer 5, nor at a number that is no peer id: ignored. */
    reg_write(a, REGS + SEPTUM_SHM_REG_DOORBELL, 5);
    reg_write(a, REGS + SEPTUM_SHM_REG_DOORBELL, 1000);
    CHECK_EQ(test_injections[a->id] + test_injections[b->id], 3);
    /* Read-only registers ignore writes. */
    reg_write(a, REGS + SEPTUM_SHM_REG_ID, 7);
    CHECK_EQ(reg_read(a, REGS + SEPTUM_SHM_REG_ID, 4), 0);

    /* Not a 32-bit access (or 64-bit at SIZE): refused, the domain stops. */
    {
        uint64_t v;

        test_pcpu = 0;
        CHECK_EQ(
            devmgr_access(&a->devices, &a->vcpus[0], REGS + SEPTUM_SHM_REG_MAGIC, 8, false, &v),
            -EINVAL);
        CHECK_EQ(
            devmgr_access(&a->devices, &a->vcpus[0], REGS + SEPTUM_SHM_REG_ID + 1, 1, false, &v),
            -EINVAL);
    }

    vm_destroy(a);
    CHECK_EQ(reg_read(b, 0x0b001000 + SEPTUM_SHM_REG_PEERS, 4), 2);
    /* A ring to the peer that left reaches nobody. */
    test_injections[a->id] = 0;
    reg_write(b, 0x0b001000 + SEPTUM_SHM_REG_DOORBELL, 0);
    reg_write(b, 0x0b001000 + SEPTUM_SHM_REG_DOORBELL, SEPTUM_SHM_RING_ALL);
    CHECK_EQ(test_injections[a->id], 0);
    CHECK_EQ(shm_regions_in_use(), 1); /* b still holds it */
    vm_destroy(b);
    CHECK_EQ(shm_regions_in_use(), 0);
    CHECK_EQ(test_ram_free(), before);
}

TEST(shm_refusals_are_precise_and_leave_nothing_attached)
{
    struct vm *a, *b, *dom0;
    struct septum_resource res[2];
    uint64_t before;

    test_hal_reset();
    before = test_ram_free();
    dom0 = domain("dom0", 2, true);
    a = domain("a", 0, false);
    b = domain("b", 1, false);
    CHECK_EQ(attach(a, "r", MIB, AREA, REGS, VIRQ), 0);
    CHECK_EQ(attach(b, "r", 2 * MIB, AREA, REGS, VIRQ), -EINVAL);           /* size differs */
    CHECK_EQ(attach(a, "r", MIB, 0x0b300000, 0x0b002000, 41), -EEXIST);     /* twice */
    CHECK_EQ(attach(b, "s", MIB, 0x40000000, REGS, VIRQ), -EINVAL);         /* over its RAM */
    CHECK_EQ(attach(b, "s", MIB, 0x09000000, REGS, VIRQ), -EINVAL);         /* over its UART */
    CHECK_EQ(attach(a, "s", MIB, AREA + 0x80000, 0x0b002000, 41), -EINVAL); /* over region r */
    CHECK_EQ(attach(a, "s", MIB, 0x0b300000, REGS, 41), -EINVAL);           /* over r's registers */
    CHECK_EQ(attach(b, "s", MIB, AREA, AREA + 0x1000, VIRQ), -EINVAL);    /* registers in region */
    CHECK_EQ(attach(a, "s", MIB, 0x0b300000, 0x0b002000, VIRQ), -EINVAL); /* a's SPI 40 is taken */
    CHECK_EQ(attach(b, "s", MIB, AREA, REGS, 33), -EINVAL);               /* the UART's SPI */
    CHECK_EQ(attach(b, "s", MIB, AREA, REGS, 31), -EINVAL);               /* a PPI */
    CHECK_EQ(attach(b, "s", MIB, AREA, REGS, 64), -EINVAL);               /* past the vGIC */
    CHECK_EQ(attach(b, "s", 0x1800, AREA, REGS, VIRQ), -EINVAL);          /* not whole pages */
    CHECK_EQ(attach(b, "s", MIB, AREA + 8, REGS, VIRQ), -EINVAL);         /* unaligned */
    CHECK_EQ(attach(b, "s", 64 * MIB, AREA, REGS, VIRQ), -ENOMEM);        /* more than is free */
    CHECK_EQ(attach(b, "s", 512 * MIB, AREA, REGS, VIRQ), -EINVAL);       /* past the limit */
    {
        struct septum_shm_attach r = req("s", MIB, AREA, REGS, VIRQ);

        r.flags = 1;
        CHECK_EQ(shm_attach(b, &r), -EINVAL);
    }
    /* The control domain only inside its window (registers, then regions). */
    CHECK_EQ(attach(dom0, "r", MIB, 0x60000000, REGS, VIRQ), -EINVAL);
    CHECK_EQ(attach(dom0, "r", MIB, AREA, AREA - 0x1000, VIRQ), -EINVAL);
    CHECK_EQ(attach(dom0, "r", MIB, AREA, REGS + 0x3000, VIRQ), 1);
    /* None of the refusals attached anything, created any region or
     * mapped anything. */
    CHECK_EQ(shm_regions_in_use(), 1);
    CHECK_EQ(shm_resources(b, res, 2), 0);
    CHECK(aspace_is_unmapped(&b->aspace, AREA, MIB));
    CHECK_EQ(shm_resources(a, res, 2), 1);
    CHECK_EQ(res[0].kind, SEPTUM_RESOURCE_SHM);
    CHECK_EQ(res[0].ipa, AREA);
    CHECK_EQ(res[0].regs_ipa, REGS);
    CHECK_EQ(res[0].virq, VIRQ);
    CHECK_EQ(res[0].size, MIB);
    CHECK(strcmp(res[0].name, "r") == 0);
    /* The control domain's window page answers for its port. */
    CHECK_EQ(reg_read(dom0, REGS + 0x3000 + SEPTUM_SHM_REG_ID, 4), 1);
    CHECK_EQ(reg_read(dom0, REGS + 0x1000 + SEPTUM_SHM_REG_MAGIC, 4), 0); /* no port there */
    reg_write(dom0, REGS + 0x3000 + SEPTUM_SHM_REG_DOORBELL, 0);
    CHECK_EQ(test_injected[a->id], VIRQ);

    CHECK_EQ(shm_detach(b, "r"), -ENOENT);
    CHECK_EQ(shm_detach(dom0, "nope"), -ENOENT);
    CHECK_EQ(shm_detach(dom0, "r"), 0);
    CHECK(aspace_is_unmapped(&dom0->aspace, AREA, MIB));
    CHECK_EQ(reg_read(dom0, REGS + 0x3000 + SEPTUM_SHM_REG_MAGIC, 4), 0);
    CHECK_EQ(reg_read(a, REGS + SEPTUM_SHM_REG_PEERS, 4), 1);
    CHECK_EQ(shm_detach(a, "r"), 0); /* created: detach removes its registers too */
    CHECK(devmgr_find(&a->devices, REGS) == NULL);
    CHECK_EQ(shm_regions_in_use(), 0);
    vm_destroy(a);
    vm_destroy(b);
    vm_destroy(dom0);
    CHECK_EQ(test_ram_free(), before);
}

TEST(shm_running_domains_cannot_change_ports)
{
    struct vm *a, *keep;

    test_hal_reset();
    keep = domain("keep", 3, false);
    a = domain("a", 0, false);
    CHECK_EQ(attach(a, "r", MIB, AREA, REGS, VIRQ), 0);
    CHECK_EQ(vm_start(a), 0);
    CHECK_EQ(attach(a, "t", MIB, 0x0b300000, 0x0b001000, 41), -EBUSY);
    CHECK_EQ(shm_detach(a, "r"), -EBUSY);
    CHECK_EQ(reg_read(a, REGS + SEPTUM_SHM_REG_PEERS, 4), 1);
    vm_destroy(a);
    for (unsigned i = 0; i < a->config.nr_vcpus; i++)
        vcpu_stopped(&a->vcpus[i]);
    CHECK_EQ(shm_regions_in_use(), 0);
    vm_destroy(keep);
}
