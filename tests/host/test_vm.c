/* Domains: creation, the state machine, stopping and resource accounting. */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/guest_fdt.h>
#include <septum/pcpu.h>
#include <septum/vm.h>
#include "check.h"
#include "test_hal.h"

#define MIB (1ull << 20)

static struct domain_config config(const char *name, unsigned pcpu0, unsigned nr)
{
    struct domain_config c = {.nr_vcpus = nr, .mem_size = 8 * MIB, .on_crash = ACTION_PRESERVE};

    strcpy(c.name, name);
    for (unsigned i = 0; i < nr; i++)
        c.pcpu[i] = pcpu0 + i;
    return c;
}

/* What the pCPU loop does for each vCPU once the domain is stopping. */
static void stop_vcpus(struct vm *vm)
{
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        if (atomic_load(&vm->vcpus[i].power) != VCPU_OFF && vcpu_must_stop(&vm->vcpus[i]))
            vcpu_stopped(&vm->vcpus[i]);
    }
}

TEST(vm_state_machine_rejects_illegal_transitions)
{
    struct domain_config c = config("a", 0, 2);
    struct domain_config keep = config("keep", 3, 1);
    struct vm *vm, *keeper;

    test_hal_reset();
    CHECK_EQ(vm_create(&keep, &keeper), 0); /* keeps the machine from powering off */
    CHECK_EQ(vm_create(&c, &vm), 0);
    CHECK_EQ(atomic_load(&vm->state), VM_CREATED);
    CHECK_EQ(vm_pause(vm), -EBUSY);
    CHECK_EQ(vm_start(vm), 0);
    CHECK_EQ(vm_start(vm), -EBUSY);
    CHECK_EQ(atomic_load(&vm->vcpus[0].power), VCPU_ON_PENDING);
    CHECK_EQ(atomic_load(&vm->vcpus[1].power), VCPU_OFF);
    CHECK_EQ(vm_unpause(vm), -EBUSY);
    CHECK_EQ(vm_pause(vm), 0);
    CHECK_EQ(vm_pause(vm), -EBUSY);
    CHECK(!vcpu_runnable(&vm->vcpus[0]));
    CHECK_EQ(vcpu_power_on(&vm->vcpus[1], 0x40000000, 0), -EPERM); /* not while paused */
    CHECK_EQ(vm_unpause(vm), 0);
    CHECK(vcpu_runnable(&vm->vcpus[0]));
    CHECK_EQ(vcpu_start_request(&vm->vcpus[1], 0x40000000 - 4, 7), -EFAULT); /* not its RAM */
    CHECK_EQ(vcpu_start_request(&vm->vcpus[1], 0x40000000, 7), 0);
    CHECK_EQ(vcpu_power_on(&vm->vcpus[1], 0x40000000, 7), -EBUSY);
    CHECK_EQ(vcpu_start_request(&vm->vcpus[1], 0x40000000, 7), -EINPROGRESS);
    atomic_store(&vm->vcpus[1].power, VCPU_ON); /* as its pCPU loop does on entering it */
    CHECK_EQ(vcpu_start_request(&vm->vcpus[1], 0x40000000, 7), -EALREADY);
    CHECK_EQ(vm->vcpus[1].entry_arg, 7);
    CHECK(test_kicks[1] > 0);
    CHECK_EQ(vm_shutdown(vm, SHUTDOWN_POWEROFF), 0);
    CHECK_EQ(vm_shutdown(vm, SHUTDOWN_POWEROFF), -EBUSY);
    CHECK_EQ(atomic_load(&vm->state), VM_SHUTTING_DOWN);
    stop_vcpus(vm);
    CHECK_EQ(atomic_load(&vm->state), VM_DESTROYED); /* on_poweroff = destroy */
    CHECK(vm_get(vm->id) == NULL);
    CHECK_EQ(vm_destroy(keeper), 0);
}

TEST(vm_create_fails_cleanly_and_returns_everything)
{
    struct domain_config a = config("a", 0, 2), b = config("b", 1, 2), bad = config("bad", 0, 1);
    struct vm *va, *vb;
    uint64_t ram_before;
    unsigned pages_before;

    test_hal_reset();
    ram_before = test_ram_free();
    pages_before = test_pages_in_use;
    CHECK_EQ(vm_create(&a, &va), 0);
    CHECK_EQ(test_ram_free(), ram_before - 8 * MIB);
    CHECK_EQ(vm_create(&b, &vb), -EBUSY); /* pCPU 1 is a's */
    CHECK(pcpu_is_free(2));               /* b's partial claims were undone */
    bad.mem_size = 3 * MIB;
    CHECK_EQ(vm_create(&bad, &vb), -EINVAL); /* not 2 MiB granular */
    bad = config("bad", 4, 1);
    CHECK_EQ(vm_create(&bad, &vb), -EINVAL); /* no such pCPU */
    bad = config("bad", 2, 2);
    bad.pcpu[1] = 2;
    CHECK_EQ(vm_create(&bad, &vb), -EINVAL); /* one pCPU twice */
    bad = config("", 2, 1);
    CHECK_EQ(vm_create(&bad, &vb), -EINVAL);
    bad = config("huge", 2, 1);
    bad.mem_size = 1ull << 30;
    CHECK_EQ(vm_create(&bad, &vb), -ENOMEM); /* more than the pool holds */
    CHECK(pcpu_is_free(2));
    CHECK_EQ(vm_destroy(va), 0); /* never started: released at once */
    CHECK_EQ(test_ram_free(), ram_before);
    CHECK_EQ(test_pages_in_use, pages_before);
    CHECK(pcpu_is_free(0) && pcpu_is_free(1));
}

TEST(vm_crash_stops_one_domain_and_keeps_first_reason)
{
    struct domain_config a = config("a", 0, 1), b = config("b", 1, 1);
    struct vm *va, *vb;

    test_hal_reset();
    CHECK_EQ(vm_create(&a, &va), 0);
    CHECK_EQ(vm_create(&b, &vb), 0);
    CHECK_EQ(vm_start(va), 0);
    CHECK_EQ(vm_start(vb), 0);
    vm_crash(va, "first %d", 1);
    vm_crash(va, "second");
    CHECK(strcmp(va->crash_reason, "first 1") == 0);
    CHECK(strstr(test_console, "d1 (a) crashed: first 1") != NULL);
    stop_vcpus(va);
    CHECK_EQ(atomic_load(&va->state), VM_CRASHED); /* on_crash = preserve */
    CHECK_EQ(atomic_load(&vb->state), VM_RUNNING);
    CHECK(vcpu_runnable(&vb->vcpus[0]));
    CHECK_EQ(vm_pause(va), -EBUSY);
    CHECK_EQ(vm_start(va), -EBUSY);
    CHECK_EQ(vm_destroy(va), 0);
    CHECK_EQ(vm_destroy(va), -ESRCH); /* already destroyed */
    /* Once boot is over, the last live domain stopping powers the machine off. */
    vm_boot_complete();
    test_system_off_armed = 1;
    if (setjmp(test_system_off) == 0) {
        vm_shutdown(vb, SHUTDOWN_POWEROFF);
        stop_vcpus(vb);
        CHECK(!"the machine should have powered off");
    }
    test_system_off_armed = 0;
    CHECK(strstr(test_console, "powering off") != NULL);
}

TEST(vm_guest_shutdown_stops_its_domain_or_the_machine)
{
    struct domain_config cu = config("u", 1, 1), c0 = config("ctl", 0, 1);
    struct vm *u, *ctl;

    test_hal_reset();
    c0.control = c0.direct_map = true;
    CHECK_EQ(vm_create(&c0, &ctl), 0);
    CHECK_EQ(vm_create(&cu, &u), 0);
    CHECK_EQ(vm_start(ctl), 0);
    CHECK_EQ(vm_start(u), 0);
    vm_guest_shutdown(u, true); /* a domU: itself only */
    CHECK_EQ(atomic_load(&u->state), VM_SHUTTING_DOWN);
    CHECK_EQ(atomic_load(&u->shutdown_reason), SHUTDOWN_REBOOT);
    CHECK_EQ(atomic_load(&ctl->state), VM_RUNNING);
    test_system_off_armed = 1;
    if (setjmp(test_system_off) == 0) {
        vm_guest_shutdown(ctl, false); /* the control domain: the machine */
        CHECK(!"the machine should have powered off");
    }
    test_system_off_armed = 0;
    CHECK(strstr(test_console, "the control domain powers off the machine") != NULL);
    stop_vcpus(u);
    CHECK_EQ(atomic_load(&u->state), VM_DESTROYED); /* on_reboot = destroy */
    CHECK_EQ(vm_destroy(ctl), 0);
}

TEST(vm_load_places_image_and_dtb)
{
    struct domain_config c = config("img", 0, 2);
    static uint8_t image[0x3000];
    uint64_t text_offset = 0x80000, image_size = 0x4000;
    struct vm *vm;
    paddr_t pa;
    uint8_t word[4];

    test_hal_reset();
    memcpy(image + 8, &text_offset, 8);
    memcpy(image + 16, &image_size, 8);
    memcpy(image + 56, "ARM\x64", 4);
    image[100] = 0x5a;
    c.kernel.pa = (uintptr_t)image;
    c.kernel.size = sizeof(image);
    strcpy(c.cmdline, "console=ttyAMA0");
    CHECK_EQ(vm_create(&c, &vm), 0);
    /* Fresh memory is zero, whatever the pool held before. */
    CHECK_EQ(aspace_translate(&vm->aspace, SEPTUM_GUEST_RAM_BASE, 8 * MIB, &pa), 0);
    CHECK(((uint8_t *)(uintptr_t)pa)[12345] == 0);
    CHECK_EQ(vm_load(vm), 0);
    CHECK_EQ(vm->vcpus[0].entry, SEPTUM_GUEST_RAM_BASE + 0x80000);
    CHECK_EQ(vm->vcpus[0].entry_arg, SEPTUM_GUEST_RAM_BASE + 8 * MIB - 0x10000);
    CHECK_EQ(aspace_copy_from_guest(&vm->aspace, word, SEPTUM_GUEST_RAM_BASE + 0x80000 + 100, 1),
             0);
    CHECK_EQ(word[0], 0x5a);
    CHECK_EQ(aspace_copy_from_guest(&vm->aspace, word, vm->vcpus[0].entry_arg, 4), 0);
    CHECK(word[0] == 0xd0 && word[1] == 0x0d && word[2] == 0xfe && word[3] == 0xed);
    CHECK_EQ(vm_destroy(vm), 0);
    image_size = 8 * MIB; /* the image would overlap the DTB */
    memcpy(image + 16, &image_size, 8);
    CHECK_EQ(vm_create(&c, &vm), 0);
    CHECK_EQ(vm_load(vm), -E2BIG);
    CHECK_EQ(vm_destroy(vm), 0);
}

/* An arm64 Image header at p: text_offset 0, image_size bytes. */
static void write_image_header(uint8_t *p, uint64_t image_size)
{
    memset(p, 0, 64);
    memcpy(p + 16, &image_size, 8);
    memcpy(p + 56, "ARM\x64", 4);
}

TEST(control_domain_boots_from_modules_in_its_ram_without_copies)
{
    struct domain_config c = config("dom0", 0, 1);
    uint64_t base, initrd, free_before;
    uint8_t *ram;
    struct vm *vm;

    test_hal_reset();
    base = test_ram_base() + 16 * MIB;
    ram = (uint8_t *)(uintptr_t)base;
    initrd = base + 8 * MIB - 0x10000 - 0x2000; /* below the DTB, page aligned */
    c.control = true;
    c.ram_base = base;
    c.on_reboot = ACTION_RESTART;
    write_image_header(ram, 0x100000);
    ram[100] = 0x5a;
    memset((uint8_t *)(uintptr_t)initrd, 0x3c, 0x1800); /* not a whole number of pages */
    c.kernel = (struct boot_module){.pa = base, .size = 0x3000};
    c.ramdisk = (struct boot_module){.pa = initrd, .size = 0x1800};
    free_before = test_ram_free();
    CHECK_EQ(vm_create(&c, &vm), 0);
    /* Its RAM is where the boot loader put it, and counts once. */
    CHECK_EQ(vm->ram_ipa, base);
    CHECK_EQ(test_ram_free(), free_before - 8 * MIB);
    /* Zeroed (the arena held stale data) but for the modules' bytes. */
    CHECK_EQ(ram[100], 0x5a);
    CHECK_EQ(ram[0x3000], 0);
    CHECK_EQ(ram[4 * MIB], 0);
    CHECK_EQ(((uint8_t *)(uintptr_t)initrd)[0x17ff], 0x3c);
    CHECK_EQ(((uint8_t *)(uintptr_t)initrd)[0x1800], 0);
    CHECK_EQ(((uint8_t *)(uintptr_t)initrd)[-1], 0);
    CHECK_EQ(vm_load(vm), 0);
    CHECK_EQ(vm->boot.nr_segments, 0); /* nothing copied, nothing kept */
    CHECK_EQ(vm->boot.copied_bytes, 0);
    CHECK_EQ(vm->vcpus[0].entry, base);
    CHECK_EQ(vm->boot.initrd_ipa, initrd);
    CHECK_EQ(test_ram_free(), free_before - 8 * MIB);
    /* Nothing to restart it from: it crashes rather than boot garbage. */
    CHECK_EQ(vm_start(vm), 0);
    CHECK_EQ(vm_shutdown(vm, SHUTDOWN_REBOOT), 0);
    stop_vcpus(vm);
    CHECK_EQ(atomic_load(&vm->state), VM_CRASHED);
    CHECK(strstr(vm->crash_reason, "restart failed") != NULL);
    CHECK_EQ(vm_destroy(vm), 0);
    CHECK_EQ(test_ram_free(), free_before);
}

TEST(control_domain_modules_outside_its_ram_are_copied_in)
{
    struct domain_config c = config("dom0", 0, 1), other = config("x", 1, 1);
    static uint8_t image[0x3000];
    uint64_t base;
    struct vm *vm, *vx;
    uint8_t byte;

    test_hal_reset();
    base = test_ram_base() + 16 * MIB;
    c.control = true;
    c.ram_base = base;
    write_image_header(image, 0x100000);
    image[100] = 0x5a;
    c.kernel = (struct boot_module){.pa = (uintptr_t)image, .size = sizeof(image)};
    CHECK_EQ(vm_create(&c, &vm), 0);
    CHECK_EQ(vm_load(vm), 0);
    CHECK_EQ(vm->boot.nr_segments, 1);
    CHECK_EQ(vm->vcpus[0].entry, base);
    CHECK_EQ(aspace_copy_from_guest(&vm->aspace, &byte, base + 100, 1), 0);
    CHECK_EQ(byte, 0x5a);
    CHECK(!vm->boot.in_place);
    CHECK_EQ(vm_destroy(vm), 0);
    /* RAM the boot loader names must be free: taken, it is refused. */
    c.ram_base = test_ram_base() + 2 * MIB;
    CHECK_EQ(vm_create(&other, &vx), 0); /* one run: taken from the arena's start */
    CHECK_EQ(vm_create(&c, &vm), -EBUSY);
    CHECK(strstr(test_console, "is not free") != NULL);
    CHECK_EQ(vm_destroy(vx), 0);
}

TEST(vm_stops_finish_once_whatever_the_order)
{
    struct domain_config a = config("a", 0, 2), keep = config("keep", 3, 1);
    struct vm *vm, *keeper;
    uint64_t ram_before;

    test_hal_reset();
    CHECK_EQ(vm_create(&keep, &keeper), 0);
    ram_before = test_ram_free();
    CHECK_EQ(vm_create(&a, &vm), 0);
    CHECK_EQ(vm_start(vm), 0);
    CHECK_EQ(vcpu_power_on(&vm->vcpus[1], 0x40000000, 0), 0);
    /* CPU_OFF only asks: the vCPU must not go back into the guest. */
    atomic_store(&vm->vcpus[1].power, VCPU_ON);
    CHECK(vcpu_may_continue(&vm->vcpus[1]));
    vcpu_request_off(&vm->vcpus[1]);
    CHECK(!vcpu_may_continue(&vm->vcpus[1]));
    /* Destroying a running domain completes when its last vCPU stops. */
    CHECK_EQ(vm_destroy(vm), 0);
    CHECK_EQ(atomic_load(&vm->state), VM_SHUTTING_DOWN);
    vcpu_stopped(&vm->vcpus[1]);
    CHECK_EQ(atomic_load(&vm->state), VM_SHUTTING_DOWN);
    vcpu_stopped(&vm->vcpus[0]);
    CHECK_EQ(atomic_load(&vm->state), VM_DESTROYED);
    CHECK_EQ(test_ram_free(), ram_before);
    vcpu_stopped(&vm->vcpus[0]); /* a late duplicate changes nothing */
    CHECK_EQ(test_ram_free(), ram_before);
    /* A crash preserved, then destroyed; a second destroy finds nothing. */
    CHECK_EQ(vm_create(&a, &vm), 0);
    CHECK_EQ(vm_start(vm), 0);
    vm_crash(vm, "test");
    CHECK_EQ(vm_destroy(vm), 0); /* requested while its vCPU still stops */
    CHECK(atomic_load(&vm->in_use));
    stop_vcpus(vm);
    CHECK(!atomic_load(&vm->in_use));
    CHECK_EQ(vm_destroy(vm), -ESRCH);
    CHECK_EQ(test_ram_free(), ram_before);
    CHECK_EQ(vm_destroy(keeper), 0);
}

TEST(domain_ids_grow_then_wrap_past_live_and_reserved_ids)
{
    struct domain_config a = config("a", 0, 1), b = config("b", 1, 1);
    struct vm *vm, *live, *found;
    unsigned first;

    test_hal_reset();
    CHECK_EQ(vm_create(&a, &vm), 0);
    first = vm->id;
    CHECK_EQ(vm_destroy(vm), 0);
    CHECK_EQ(vm_create(&a, &vm), 0);
    CHECK(vm->id > first); /* not reused before the counter wraps */
    CHECK_EQ(vm_destroy(vm), 0);

    /* Near the end of the 15-bit space, a domain that lives on... */
    vm_set_next_id(1);
    CHECK_EQ(vm_create(&b, &live), 0);
    CHECK_EQ(live->id, 1);
    vm_set_next_id(DOMID_FIRST_RESERVED - 2);
    /* ...is skipped after the wrap, and no reserved id is handed out. */
    for (unsigned i = 0; i < 4; i++) {
        CHECK_EQ(vm_create(&a, &vm), 0);
        CHECK(vm->id != 0 && vm->id < DOMID_FIRST_RESERVED && vm->id != live->id);
        found = vm_get(vm->id);
        CHECK(found == vm);
        vm_put(found);
        CHECK_EQ(vm_destroy(vm), 0);
    }
    CHECK_EQ(vm_create(&a, &vm), 0);
    CHECK_EQ(vm->id, 4); /* after 0x7fee, 0x7fef, 2, 3: 1 is held by `live` */
    CHECK_EQ(vm_destroy(vm), 0);
    CHECK_EQ(vm_destroy(live), 0);
    vm_set_next_id(1);
}

TEST(a_failed_create_leaves_nothing_behind_whatever_its_id)
{
    struct domain_config a = config("a", 0, 1), big = config("big", 1, 1);
    uint64_t ram_before;
    unsigned pages_before;
    struct vm *vm;

    test_hal_reset();
    ram_before = test_ram_free();
    pages_before = test_pages_in_use;
    big.mem_size = ram_before + 2 * MIB;
    vm_set_next_id(DOMID_FIRST_RESERVED - 1);
    CHECK_EQ(vm_create(&big, &vm), -ENOMEM);
    CHECK_EQ(test_ram_free(), ram_before);
    CHECK_EQ(test_pages_in_use, pages_before);
    CHECK(pcpu_is_free(1));
    CHECK(vm_get(DOMID_FIRST_RESERVED - 1) == NULL);
    CHECK_EQ(vm_create(&a, &vm), 0); /* the slot and the pCPU are free again */
    CHECK_EQ(vm_destroy(vm), 0);
    vm_set_next_id(1);
}

TEST(references_keep_a_destroyed_domain_until_the_last_put)
{
    struct domain_config a = config("a", 0, 1);
    uint64_t ram_before;
    struct vm *vm, *ref;

    test_hal_reset();
    ram_before = test_ram_free();
    CHECK_EQ(vm_create(&a, &vm), 0);
    ref = vm_get(vm->id);
    CHECK(ref == vm);
    CHECK_EQ(vm_destroy(vm), 0);
    CHECK(vm_get(vm->id) == NULL); /* destroyed: nobody new finds it */
    CHECK_EQ(vm_destroy(vm), -ESRCH);
    CHECK(atomic_load(&vm->in_use)); /* but still there for `ref` */
    CHECK(test_ram_free() < ram_before);
    vm_put(ref);
    CHECK(!atomic_load(&vm->in_use));
    CHECK_EQ(test_ram_free(), ram_before);
}

/* Writes the hypervisor's standard device tree for a domain shaped like
 * xml/examples/smp.xml (2 vCPUs, 32 MiB, no command line) to the file named
 * by SEPTUM_DUMP_DTB; tests/test_xml.py compares it with the toolstack's. */
TEST(standard_dtb_dump)
{
    struct domain_config c = config("smp", 2, 2);
    const char *path = getenv("SEPTUM_DUMP_DTB");
    static uint8_t dtb[64 << 10];
    struct vm *vm;
    FILE *f;
    int size;

    test_hal_reset();
    c.mem_size = 32 * MIB;
    CHECK_EQ(vm_create(&c, &vm), 0);
    size = guest_fdt_build(vm, dtb, sizeof(dtb));
    CHECK(size > 0);
    if (path) {
        f = fopen(path, "wb");
        CHECK(f && fwrite(dtb, 1, (size_t)size, f) == (size_t)size);
        fclose(f);
    }
    CHECK_EQ(vm_destroy(vm), 0);
}
