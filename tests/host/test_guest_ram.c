/* Domains whose RAM is several extents: created from fragmented memory,
 * zeroed, mapped contiguously with faults past the end, copies and
 * hypercall buffers across extent edges, everything given back; and the
 * errors that say why memory was refused. */
#include <string.h>
#include <public/septum.h>
#include <septum/errno.h>
#include <septum/guest_ram.h>
#include <septum/hypercall.h>
#include <septum/vm.h>
#include "check.h"
#include "test_hal.h"

#define MIB (1ull << 20)

static struct domain_config config(const char *name, unsigned pcpu, uint64_t mem)
{
    struct domain_config c = {.nr_vcpus = 1, .mem_size = mem, .on_crash = ACTION_PRESERVE};

    strcpy(c.name, name);
    c.pcpu[0] = pcpu;
    return c;
}

/* 24 MiB, 4 MiB, 24 MiB, the large ones destroyed: 60 MiB free, at most
 * 36 MiB of it in one piece. */
static struct vm *fragment(void)
{
    struct domain_config a = config("a", 0, 24 * MIB), b = config("b", 1, 4 * MIB);
    struct domain_config c = config("c", 2, 24 * MIB);
    struct vm *va, *vb, *vc;

    test_hal_reset();
    CHECK_EQ(vm_create(&a, &va), 0);
    CHECK_EQ(vm_create(&b, &vb), 0);
    CHECK_EQ(vm_create(&c, &vc), 0);
    CHECK_EQ(vm_destroy(va), 0);
    CHECK_EQ(vm_destroy(vc), 0);
    CHECK_EQ(test_ram_free(), 60 * MIB);
    CHECK(guest_ram_largest_free() < 48 * MIB);
    return vb;
}

static bool console_has(const char *text)
{
    test_console[test_console_len < sizeof(test_console) ? test_console_len
                                                         : sizeof(test_console) - 1] = '\0';
    return strstr(test_console, text) != NULL;
}

TEST(guest_ram_large_domain_from_fragmented_memory)
{
    struct domain_config d = config("d", 3, 48 * MIB);
    struct vm *small = fragment(), *vd;
    uint64_t ipa = SEPTUM_GUEST_RAM_BASE;

    CHECK_EQ(vm_create(&d, &vd), 0);
    CHECK(vd->aspace.nr_ram >= 2);
    for (unsigned i = 0; i < vd->aspace.nr_ram; i++) {
        const struct ram_range *r = &vd->aspace.ram[i];
        const uint8_t *p = (const uint8_t *)(uintptr_t)r->pa;

        CHECK_EQ(r->ipa, ipa); /* one range of guest-physical addresses */
        ipa += r->size;
        for (uint64_t off = 0; off < r->size; off++) /* stale data zeroed */
            if (p[off])
                CHECK_EQ(r->pa + off, 0);
    }
    CHECK_EQ(ipa, SEPTUM_GUEST_RAM_BASE + 48 * MIB);
    CHECK_EQ(vm_destroy(vd), 0); /* every extent given back */
    CHECK_EQ(test_ram_free(), 60 * MIB);
    CHECK_EQ(vm_destroy(small), 0);
    CHECK_EQ(test_ram_free(), TEST_RAM_SIZE);
}

/* A guest reaches through stage 2 exactly its own extents: every page of
 * its RAM maps into one of them, each extent edge leads to the next
 * extent's first byte, not to the memory after the extent, and the end of
 * RAM faults. */
TEST(guest_ram_stage2_ends_at_every_extent_edge)
{
    struct domain_config d = config("d", 3, 48 * MIB);
    struct vm *small = fragment(), *vd;
    const struct aspace *as;
    uint64_t pa;

    CHECK_EQ(vm_create(&d, &vd), 0);
    as = &vd->aspace;
    for (uint64_t ipa = SEPTUM_GUEST_RAM_BASE; ipa < SEPTUM_GUEST_RAM_BASE + 48 * MIB;
         ipa += 4096) {
        bool inside = false;

        CHECK_EQ(stage2_lookup(&as->s2, ipa, &pa, NULL), 0);
        for (unsigned i = 0; i < as->nr_ram; i++)
            inside |= pa >= as->ram[i].pa && pa - as->ram[i].pa < as->ram[i].size &&
                      pa - as->ram[i].pa == ipa - as->ram[i].ipa;
        CHECK(inside);
    }
    for (unsigned i = 0; i < as->nr_ram; i++) {
        const struct ram_range *r = &as->ram[i];

        CHECK_EQ(stage2_lookup(&as->s2, r->ipa + r->size - 1, &pa, NULL), 0);
        CHECK_EQ(pa, r->pa + r->size - 1);
        if (i + 1 < as->nr_ram) {
            CHECK_EQ(stage2_lookup(&as->s2, r->ipa + r->size, &pa, NULL), 0);
            CHECK_EQ(pa, as->ram[i + 1].pa);
        } else {
            CHECK_EQ(stage2_lookup(&as->s2, r->ipa + r->size, &pa, NULL), -EFAULT);
        }
    }
    CHECK_EQ(stage2_lookup(&as->s2, SEPTUM_GUEST_RAM_BASE - 1, &pa, NULL), -EFAULT);
    CHECK_EQ(vm_destroy(vd), 0);
    CHECK_EQ(vm_destroy(small), 0);
}

TEST(guest_ram_copies_and_hypercall_buffers_cross_extent_edges)
{
    struct domain_config d = config("d", 3, 48 * MIB);
    struct vm *small = fragment(), *vd;
    char text[64], back[64];
    struct septum_domain_info info;
    uint64_t edge, res[3], args[5];

    CHECK_EQ(vm_create(&d, &vd), 0);
    edge = vd->aspace.ram[0].ipa + vd->aspace.ram[0].size;
    memset(text, 'x', sizeof(text));
    memcpy(text, "across the edge", 15);
    CHECK_EQ(aspace_copy_to_guest(&vd->aspace, edge - 20, text, sizeof(text)), 0);
    CHECK(memcmp((char *)(uintptr_t)(vd->aspace.ram[0].pa + vd->aspace.ram[0].size - 20), text,
                 20) == 0);
    CHECK(memcmp((char *)(uintptr_t)vd->aspace.ram[1].pa, text + 20, sizeof(text) - 20) == 0);
    CHECK_EQ(aspace_copy_from_guest(&vd->aspace, back, edge - 20, sizeof(back)), 0);
    CHECK(memcmp(back, text, sizeof(text)) == 0);
    /* Past the end: refused before anything is written. */
    back[0] = 'q';
    CHECK_EQ(aspace_copy_to_guest(&vd->aspace, SEPTUM_GUEST_RAM_BASE + 48 * MIB - 1, back, 2),
             -EFAULT);
    CHECK(*(char *)(uintptr_t)(vd->aspace.ram[vd->aspace.nr_ram - 1].pa +
                               vd->aspace.ram[vd->aspace.nr_ram - 1].size - 1) == 0);
    /* The domain's own calls with buffers across the edge. */
    vm_start(vd);
    args[0] = SEPTUM_DOMID_SELF, args[1] = edge - 5, args[2] = 15;
    CHECK_EQ(hypercall_dispatch(&vd->vcpus[0], SEPTUM_HC_CONSOLE_WRITE, args, res), 15);
    args[1] = edge - 100, args[2] = sizeof(info);
    CHECK_EQ(hypercall_dispatch(&vd->vcpus[0], SEPTUM_HC_DOMAIN_INFO, args, res), 0);
    CHECK_EQ(aspace_copy_from_guest(&vd->aspace, &info, edge - 100, sizeof(info)), 0);
    CHECK_EQ(info.domid, vd->id);
    CHECK_EQ(info.mem_size, 48 * MIB);
    args[1] = edge - 3, args[2] = 8, args[3] = 0;
    CHECK_EQ(hypercall_dispatch(&vd->vcpus[0], SEPTUM_HC_CONSOLE_READ, args, res), 8);
    CHECK_EQ(res[0], 8);
    CHECK_EQ(vm_destroy(vd), 0);
    CHECK_EQ(vm_destroy(small), 0);
}

TEST(guest_ram_refusals_say_why)
{
    struct domain_config d = config("d", 3, 48 * MIB), huge = config("huge", 3, 62 * MIB);
    struct vm *small = fragment(), *vd;

    d.direct_map = true;
    CHECK_EQ(vm_create(&d, &vd), -ENOBUFS);
    CHECK(console_has("d: a direct-mapped domain needs its 48 MiB in one extent; the largest "
                      "free extent is 36 MiB"));
    CHECK_EQ(vm_create(&huge, &vd), -ENOMEM);
    CHECK(console_has("huge: not enough memory: 62 MiB asked, 60 MiB free"));
    CHECK_EQ(test_ram_free(), 60 * MIB);
    CHECK_EQ(vm_destroy(small), 0);
    /* Free memory in more pieces than a domain may have. */
    for (uint64_t off = 0; off < TEST_RAM_SIZE; off += 2 * MIB)
        range_pool_reserve(guest_ram_pool(), test_ram_base() + off, MIB);
    d = config("d", 3, 20 * MIB);
    CHECK_EQ(vm_create(&d, &vd), -ENOBUFS);
    CHECK(console_has("d: 20 MiB asked, 32 MiB free but in more than 16 pieces"));
    d.mem_size = 12 * MIB; /* twelve 1 MiB pieces: 4 KiB pages only */
    CHECK_EQ(vm_create(&d, &vd), 0);
    CHECK_EQ(vd->aspace.nr_ram, 12);
    CHECK_EQ(vm_destroy(vd), 0);
    CHECK_EQ(test_ram_free(), 32 * MIB);
}

/* A domain the control domain creates has its RAM zeroed by its own pCPU
 * (the creator does not wait): until then it is not ready, and a former
 * owner's data is still there for nobody to see. */
TEST(guest_ram_zeroed_later_by_the_domains_own_pcpu)
{
    struct domain_config a = config("a", 0, 8 * MIB), b = config("b", 1, 8 * MIB);
    unsigned kicks;
    struct vm *va, *vb;
    paddr_t pa;

    test_hal_reset();
    CHECK_EQ(vm_create(&a, &va), 0);
    CHECK(vm_ram_ready(va));
    CHECK_EQ(aspace_translate(&va->aspace, SEPTUM_GUEST_RAM_BASE, 8 * MIB, &pa), 0);
    memset((void *)(uintptr_t)pa, 0xaa, 8 * MIB);
    CHECK_EQ(vm_destroy(va), 0);

    b.zero_on_own_pcpu = true;
    kicks = test_kicks[1];
    CHECK_EQ(vm_create(&b, &vb), 0);
    CHECK(!vm_ram_ready(vb));
    CHECK(test_kicks[1] > kicks); /* its pCPU is told to get on with it */
    CHECK_EQ(aspace_translate(&vb->aspace, SEPTUM_GUEST_RAM_BASE, 8 * MIB, &pa), 0);
    CHECK_EQ(((uint8_t *)(uintptr_t)pa)[4096], 0xaa); /* the same memory, not zeroed yet */
    vm_zero_pending(vb);
    CHECK(vm_ram_ready(vb));
    for (uint64_t i = 0; i < 8 * MIB; i++)
        CHECK_EQ(((uint8_t *)(uintptr_t)pa)[i], 0);
    CHECK_EQ(vm_destroy(vb), 0);
}
