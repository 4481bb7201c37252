/* Passthrough: who may own which MMIO range and interrupt, sub-page windows
 * forwarded only inside themselves, and what a released domain gives back
 * (DMA devices reset first). */
#include <string.h>
#include <septum/errno.h>
#include <septum/passthrough.h>
#include <septum/vm.h>
#include "check.h"
#include "test_hal.h"

#define MIB (1ull << 20)
#define TRANSPORT(n) (TEST_DEV_PAGE + 0x200 * (n)) /* virtio-mmio transports of one page */

/* direct_map is only claimed: the host's addresses are beyond any IPA
 * space, and the rules look at the flag alone. */
static struct vm *domain(const char *name, unsigned pcpu, bool direct_map)
{
    struct domain_config c = {.nr_vcpus = 1, .mem_size = 8 * MIB};
    struct vm *vm;

    strcpy(c.name, name);
    c.pcpu[0] = pcpu;
    CHECK_EQ(vm_create(&c, &vm), 0);
    vm->config.direct_map = direct_map;
    return vm;
}

static void count(void *ctx, const struct septum_resource *r)
{
    struct septum_resource *last = ctx;

    *last = *r;
}

static unsigned resources(struct vm *vm, struct septum_resource *last)
{
    return pt_mmio_resources(vm, count, last) + pt_irq_resources(vm, count, last);
}

TEST(pt_mmio_refuses_what_is_not_the_callers_to_take)
{
    struct vm *a, *b;
    struct septum_resource r;

    test_hal_reset();
    a = domain("a", 0, false);
    b = domain("b", 1, false);
    CHECK_EQ(pt_assign_mmio(a, TEST_DEV_PAGE, 0x1000, TEST_DEV_PAGE, 0), 0);
    CHECK_EQ(pt_assign_mmio(b, TEST_DEV_PAGE, 0x1000, TEST_DEV_PAGE, 0), -EBUSY);
    CHECK_EQ(pt_assign_mmio(b, TRANSPORT(7), 0x200, TRANSPORT(7), 0), -EBUSY); /* inside a's page */
    CHECK_EQ(pt_assign_mmio(b, TEST_HYP_UART, 0x1000, 0x0a100000, 0), -EINVAL);
    CHECK_EQ(pt_assign_mmio(b, 0x40000000, 0x1000, 0x0a100000, 0), -EINVAL); /* not devices */
    CHECK_EQ(pt_assign_mmio(b, 0x0a100000, 0x1000, 0x40000000, 0), -EINVAL); /* over its RAM */
    CHECK_EQ(pt_assign_mmio(b, 0x0a100000, 0x1000, SEPTUM_GUEST_UART_BASE, 0),
             -EINVAL); /* its UART */
    CHECK_EQ(pt_assign_mmio(b, 0x0a100000, 0x1000, 0x0a100000, SEPTUM_MMIO_DMA), -EINVAL);
    CHECK_EQ(pt_assign_mmio(b, 0x0a100000, 0x1000, 0x0a100000, 2), -EINVAL); /* unknown flag */
    CHECK_EQ(pt_assign_mmio(b, 0x0a100002, 0x10, 0x0a100002, 0), -EINVAL);   /* misaligned */
    CHECK_EQ(pt_assign_mmio(b, 0x0a100f00, 0x200, 0x0a100f00, 0), -EINVAL);  /* two pages */
    CHECK_EQ(pt_assign_mmio(b, 0x0a100e00, 0x200, 0x0a200000, 0), -EINVAL);  /* offset moved */
    CHECK_EQ(pt_assign_mmio(b, 0x0a100000, 0, 0x0a100000, 0), -EINVAL);
    CHECK_EQ(pt_assign_mmio(b, 0x0a100000, 0x1000, 0x0a200000, 0), 0);       /* another IPA: fine */
    CHECK_EQ(pt_assign_mmio(b, 0x0a101000, 0x1000, 0x0a200000, 0), -EINVAL); /* IPA taken */
    CHECK_EQ(resources(b, &r), 1); /* refusals left nothing behind */
    CHECK_EQ(r.kind, SEPTUM_RESOURCE_MMIO);
    CHECK_EQ(r.pa, 0x0a100000);
    CHECK_EQ(r.ipa, 0x0a200000);
    CHECK_EQ(vm_destroy(a), 0); /* gives its page back */
    CHECK_EQ(pt_assign_mmio(b, TEST_DEV_PAGE, 0x1000, TEST_DEV_PAGE, 0), 0);
    CHECK_EQ(resources(b, &r), 2);
    CHECK_EQ(vm_start(b), 0);
    CHECK_EQ(pt_assign_mmio(b, 0x0a102000, 0x1000, 0x0a102000, 0), -EBUSY); /* not CREATED */
    CHECK_EQ(vm_destroy(b), 0);
}

TEST(pt_windows_of_one_page_go_to_different_domains)
{
    struct vm *a, *b;
    struct septum_resource r;
    uint64_t v = 0;

    test_hal_reset();
    a = domain("a", 0, false);
    b = domain("b", 1, false);
    CHECK_EQ(pt_assign_mmio(a, TRANSPORT(7), 0x200, TRANSPORT(7), 0), 0);
    CHECK_EQ(pt_assign_mmio(b, TRANSPORT(6), 0x200, TRANSPORT(6), 0), 0);
    CHECK_EQ(pt_assign_mmio(b, TRANSPORT(7) + 0x100, 0x100, 0x0a200f00, 0), -EBUSY);
    CHECK_EQ(pt_assign_mmio(a, TEST_DEV_PAGE, 0x1000, 0x0a300000, 0), -EBUSY); /* b has part */
    /* a's accesses reach its own transport, and only it. */
    test_dev[(TRANSPORT(7) - TEST_DEV_PAGE) / 4] = VIRTIO_MMIO_MAGIC;
    CHECK_EQ(devmgr_access(&a->devices, &a->vcpus[0], TRANSPORT(7), 4, false, &v), 0);
    CHECK_EQ(v, VIRTIO_MMIO_MAGIC);
    v = 3;
    CHECK_EQ(devmgr_access(&a->devices, &a->vcpus[0], TRANSPORT(7) + 0x70, 4, true, &v), 0);
    CHECK_EQ(test_dev[(TRANSPORT(7) + 0x70 - TEST_DEV_PAGE) / 4], 3);
    CHECK_EQ(devmgr_access(&a->devices, &a->vcpus[0], TRANSPORT(6), 4, false, &v), -ENODEV);
    CHECK_EQ(devmgr_access(&a->devices, &a->vcpus[0], TRANSPORT(7) + 0x1fc, 8, false, &v),
             -ERANGE); /* across the window's end */
    CHECK_EQ(resources(a, &r), 1);
    CHECK_EQ(r.count, 2); /* forwarded accesses */
    CHECK_EQ(r.size, 0x200);
    CHECK_EQ(vm_destroy(a), 0);
    CHECK_EQ(vm_destroy(b), 0);
}

TEST(pt_dma_device_only_direct_mapped_and_reset_when_returned)
{
    struct vm *plain, *direct;
    unsigned status = (TRANSPORT(7) + VIRTIO_MMIO_STATUS - TEST_DEV_PAGE) / 4;

    test_hal_reset();
    plain = domain("plain", 0, false);
    direct = domain("direct", 1, true);
    CHECK_EQ(pt_assign_mmio(plain, TRANSPORT(7), 0x200, TRANSPORT(7), SEPTUM_MMIO_DMA), -EINVAL);
    CHECK_EQ(pt_assign_mmio(direct, TRANSPORT(7), 0x200, TRANSPORT(7), SEPTUM_MMIO_DMA), 0);
    test_dev[(TRANSPORT(7) - TEST_DEV_PAGE) / 4] = VIRTIO_MMIO_MAGIC;
    test_dev[status] = 0xf; /* a driver is running it */
    pt_reset_dma(direct);   /* as a restart does */
    CHECK_EQ(test_dev[status], 0);
    test_dev[status] = 0xf;
    CHECK_EQ(vm_destroy(direct), 0);
    CHECK_EQ(test_dev[status], 0);
    CHECK_EQ(pt_assign_mmio(plain, TRANSPORT(7), 0x200, TRANSPORT(7), 0), 0);
    CHECK_EQ(vm_destroy(plain), 0);
}

TEST(pt_irq_one_owner_and_back_on_release)
{
    struct vm *a, *b;
    struct septum_resource r;

    test_hal_reset();
    a = domain("a", 0, false);
    b = domain("b", 1, false);
    CHECK_EQ(pt_assign_irq(a, 79, 48), 0);
    CHECK(test_irq_enabled[79]);
    CHECK_EQ(test_irq_virq[79], 48);
    CHECK_EQ(pt_assign_irq(b, 79, 49), -EBUSY);
    CHECK_EQ(pt_assign_irq(b, TEST_HYP_UART_IRQ, 49), -EINVAL);
    CHECK_EQ(pt_assign_irq(b, 27, 49), -EINVAL); /* a PPI */
    CHECK_EQ(pt_assign_irq(b, 5000, 49), -EINVAL);
    CHECK_EQ(pt_assign_irq(b, 78, 200), -EINVAL); /* beyond its virtual GIC */
    /* Lines of its own emulated devices: the console UART's, the power keys'. */
    CHECK_EQ(pt_assign_irq(b, 78, arch_guest.uart_irq), -EINVAL);
    CHECK_EQ(pt_assign_irq(b, 78, arch_guest.keys_irq), -EINVAL);
    CHECK(!test_irq_enabled[78]);
    CHECK_EQ(resources(b, &r), 0); /* nothing half-assigned */
    CHECK(pt_irq_fired(79));
    CHECK(!pt_irq_fired(78));
    CHECK_EQ(resources(a, &r), 1);
    CHECK_EQ(r.kind, SEPTUM_RESOURCE_IRQ);
    CHECK_EQ(r.pirq, 79);
    CHECK_EQ(r.virq, 48);
    CHECK_EQ(r.count, 1);
    CHECK_EQ(vm_destroy(a), 0);
    CHECK(!test_irq_enabled[79]);
    CHECK(!pt_irq_fired(79));
    CHECK_EQ(pt_assign_irq(b, 79, 49), 0);
    CHECK_EQ(vm_destroy(b), 0);
}
