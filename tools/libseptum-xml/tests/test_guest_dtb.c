/* The generated device tree, read back with libfdt, and a user's own
 * fitted to the domain. */
#include <errno.h>
#include <libfdt.h>
#include <string.h>

#include "check.h"
#include "guest_dtb.h"
#include "public/septum.h"

static const struct guest_dtb_params two_vcpus = {
    .mem_base = 0x40000000,
    .mem_size = 64ull << 20,
    .nr_vcpus = 2,
    .cmdline = "console=ttyAMA0",
    .initrd_start = 0x43000000,
    .initrd_size = 0x1000,
};

static const void *prop(const void *fdt, const char *path, const char *name, int *len)
{
    int node = fdt_path_offset(fdt, path);

    CHECK(node >= 0);
    return fdt_getprop(fdt, node, name, len);
}

static uint32_t cell(const void *p, int i)
{
    return fdt32_to_cpu(((const fdt32_t *)p)[i]);
}

static uint64_t u64_prop(const void *fdt, const char *path, const char *name)
{
    int len;
    const void *p = prop(fdt, path, name, &len);

    CHECK(p && len == 8);
    return (uint64_t)cell(p, 0) << 32 | cell(p, 1);
}

TEST(guest_dtb_has_the_domains_machine)
{
    static char buf[65536];
    int len, size = guest_dtb_build(&two_vcpus, buf, sizeof(buf));
    const void *p;

    CHECK(size > 0);
    CHECK_EQ(fdt_check_header(buf), 0);
    CHECK(strcmp(prop(buf, "/", "compatible", &len), "septum,virt") == 0);
    CHECK(strcmp(prop(buf, "/chosen", "bootargs", &len), "console=ttyAMA0") == 0);
    CHECK(strcmp(prop(buf, "/chosen", "stdout-path", &len), "/pl011@9000000") == 0);
    CHECK_EQ(u64_prop(buf, "/chosen", "linux,initrd-start"), 0x43000000);
    CHECK_EQ(u64_prop(buf, "/chosen", "linux,initrd-end"), 0x43001000);
    p = prop(buf, "/memory@40000000", "reg", &len);
    CHECK(len == 16 && cell(p, 1) == 0x40000000 && cell(p, 3) == 64u << 20);
    CHECK_EQ(cell(prop(buf, "/cpus/cpu@1", "reg", &len), 0), 1);
    CHECK(strcmp(prop(buf, "/cpus/cpu@1", "enable-method", &len), "psci") == 0);
    CHECK(fdt_path_offset(buf, "/cpus/cpu@2") < 0);
    CHECK(strcmp(prop(buf, "/psci", "method", &len), "hvc") == 0);
    /* One 128 KiB redistributor frame per vCPU. */
    p = prop(buf, "/interrupt-controller@8000000", "reg", &len);
    CHECK(len == 32 && cell(p, 5) == 0x080a0000 && cell(p, 7) == 2 * 0x20000);
    p = prop(buf, "/pl011@9000000", "interrupts", &len);
    CHECK(len == 12 && cell(p, 0) == 0 && cell(p, 1) == 1 && cell(p, 2) == 4);
    CHECK_EQ(cell(prop(buf, "/apb-pclk", "clock-frequency", &len), 0), 24000000);
    CHECK(strcmp(prop(buf, "/hypervisor", "compatible", &len), "septum,hypervisor") == 0);
    CHECK_EQ(cell(prop(buf, "/hypervisor", "septum,abi-version", &len), 0), SEPTUM_ABI_VERSION);
}

TEST(guest_dtb_without_initrd_has_no_initrd_properties)
{
    static char buf[65536];
    struct guest_dtb_params p = two_vcpus;
    int len;

    p.initrd_size = 0;
    p.cmdline = NULL;
    CHECK(guest_dtb_build(&p, buf, sizeof(buf)) > 0);
    CHECK(prop(buf, "/chosen", "linux,initrd-start", &len) == NULL);
    CHECK(strcmp(prop(buf, "/chosen", "bootargs", &len), "") == 0);
}

TEST(guest_dtb_says_when_it_does_not_fit)
{
    static char buf[512];

    CHECK_EQ(guest_dtb_build(&two_vcpus, buf, sizeof(buf)), -ENOSPC);
}

TEST(guest_dtb_fits_a_users_tree_to_the_domain)
{
    static char buf[65536];
    int len, node;
    const void *p;

    /* A tree of the user's own with a memory node by another name and an
     * old command line. */
    CHECK_EQ(fdt_create_empty_tree(buf, 4096), 0);
    CHECK_EQ(fdt_setprop_u32(buf, 0, "#address-cells", 2), 0);
    CHECK_EQ(fdt_setprop_u32(buf, 0, "#size-cells", 2), 0);
    node = fdt_add_subnode(buf, 0, "ram");
    CHECK(node >= 0);
    CHECK_EQ(fdt_setprop_string(buf, node, "device_type", "memory"), 0);
    node = fdt_add_subnode(buf, 0, "chosen");
    CHECK_EQ(fdt_setprop_string(buf, node, "bootargs", "old"), 0);
    CHECK_EQ(fdt_pack(buf), 0);
    CHECK(guest_dtb_adapt(&two_vcpus, buf, fdt_totalsize(buf), sizeof(buf)) > 0);
    CHECK(strcmp(prop(buf, "/chosen", "bootargs", &len), "console=ttyAMA0") == 0);
    CHECK_EQ(u64_prop(buf, "/chosen", "linux,initrd-end"), 0x43001000);
    p = prop(buf, "/ram", "reg", &len);
    CHECK(len == 16 && cell(p, 1) == 0x40000000 && cell(p, 3) == 64u << 20);
    CHECK(fdt_path_offset(buf, "/memory") < 0);
}

TEST(guest_dtb_refuses_what_is_no_device_tree)
{
    static char buf[4096] = "not a device tree";

    CHECK_EQ(guest_dtb_adapt(&two_vcpus, buf, 18, sizeof(buf)), -EINVAL);
}

/* A machine's tree with one virtio-mmio transport, as QEMU virt's. */
static int host_tree(char *buf, int cap)
{
    const fdt32_t reg[4] = {0, cpu_to_fdt32(0xa003e00), 0, cpu_to_fdt32(0x200)};
    const fdt32_t irq[3] = {0, cpu_to_fdt32(47), cpu_to_fdt32(1)};

    CHECK_EQ(fdt_create(buf, cap), 0);
    CHECK_EQ(fdt_finish_reservemap(buf), 0);
    CHECK_EQ(fdt_begin_node(buf, ""), 0);
    CHECK_EQ(fdt_property_u32(buf, "#address-cells", 2), 0);
    CHECK_EQ(fdt_property_u32(buf, "#size-cells", 2), 0);
    CHECK_EQ(fdt_begin_node(buf, "virtio_mmio@a003e00"), 0);
    CHECK_EQ(fdt_property(buf, "dma-coherent", NULL, 0), 0);
    CHECK_EQ(fdt_property(buf, "interrupts", irq, sizeof(irq)), 0);
    CHECK_EQ(fdt_property(buf, "reg", reg, sizeof(reg)), 0);
    CHECK_EQ(fdt_property_string(buf, "compatible", "virtio,mmio"), 0);
    CHECK_EQ(fdt_property_u32(buf, "phandle", 0x8001), 0);
    CHECK_EQ(fdt_end_node(buf), 0);
    CHECK_EQ(fdt_end_node(buf), 0);
    CHECK_EQ(fdt_finish(buf), 0);
    return fdt_path_offset(buf, "/virtio_mmio@a003e00");
}

TEST(guest_dtb_gets_a_passed_through_devices_node_rewritten)
{
    static char host[4096], buf[SEPTUM_GUEST_DTB_SIZE];
    struct guest_dtb_device dev = {
        .ipa = {0xa200e00}, .size = {0x200}, .nr_regs = 1, .virq = {40}, .nr_irqs = 1};
    int len, size;
    const void *p;

    dev.host_node = host_tree(host, sizeof(host));
    CHECK(dev.host_node >= 0);
    CHECK(guest_dtb_build(&two_vcpus, buf, sizeof(buf)) > 0);
    size = guest_dtb_add_device(buf, sizeof(buf), host, &dev);
    CHECK(size > 0);
    CHECK(strcmp(prop(buf, "/virtio_mmio@a200e00", "compatible", &len), "virtio,mmio") == 0);
    CHECK(prop(buf, "/virtio_mmio@a200e00", "dma-coherent", &len) != NULL);
    CHECK(prop(buf, "/virtio_mmio@a200e00", "phandle", &len) == NULL); /* the machine's */
    p = prop(buf, "/virtio_mmio@a200e00", "reg", &len);
    CHECK(p && len == 16 && cell(p, 1) == 0xa200e00 && cell(p, 3) == 0x200);
    p = prop(buf, "/virtio_mmio@a200e00", "interrupts", &len);
    CHECK(p && len == 12 && cell(p, 0) == 0 && cell(p, 1) == 40 - 32 && cell(p, 2) == 1);
    p = prop(buf, "/virtio_mmio@a200e00", "interrupt-parent", &len);
    CHECK(p && len == 4 && cell(p, 0) == 1); /* the domain's GIC */
    /* One node per address. */
    CHECK_EQ(guest_dtb_add_device(buf, sizeof(buf), host, &dev), -EEXIST);
}
