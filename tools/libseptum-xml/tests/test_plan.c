/* From definition to plan: the configuration, the images' places, the
 * checks against the machine. */
#include <errno.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "helpers.h"

#define RAM 0x40000000ull
#define MIB (1ull << 20)

/* Plans the definition body on a model machine of 4 pCPUs, pCPU 0 taken. */
static int plan_body(const char *body, struct domain_plan *p, char **errors)
{
    char *path = temp_definition(body);
    struct domain_desc *d = load_ok(path);
    struct machine m;
    struct captured c;
    int rc;

    machine_model(&m, 4, 0x1);
    capture_start(&c, path);
    rc = domain_plan_make(d, &m, NULL, &c.sink, p);
    *errors = strdup(capture_text(&c));
    capture_end(&c);
    domain_desc_free(d);
    free(path);
    return rc;
}

TEST(plan_fills_the_configuration)
{
    struct domain_plan p;
    char *errors;

    CHECK_EQ(plan_body("<memory unit='MiB'>32</memory><vcpu>2</vcpu>"
                       "<os><type>hvm</type><kernel>kernel.Image</kernel>"
                       "<cmdline>quiet</cmdline></os><on_crash>destroy</on_crash>\n",
                       &p, &errors),
             0);
    CHECK(strcmp(p.config.name, "t") == 0);
    CHECK_EQ(p.config.nr_vcpus, 2);
    CHECK(p.config.pcpus[0] == 1 && p.config.pcpus[1] == 2);
    CHECK_EQ(p.config.mem_size, 32 * MIB);
    CHECK(strcmp(p.config.cmdline, "quiet") == 0);
    CHECK_EQ(p.config.on_crash, SEPTUM_ACTION_DESTROY);
    CHECK_EQ(p.config.flags, 0);
    domain_plan_free(&p);
    free(errors);
}

TEST(plan_places_kernel_initrd_and_device_tree)
{
    struct domain_plan p;
    char *errors, *initrd = temp_image("initrd.img", 0, 0, 10000);
    int len;
    const fdt32_t *start;

    free(initrd);
    CHECK_EQ(plan_body("<memory unit='MiB'>16</memory>"
                       "<os><type>hvm</type><kernel>kernel.Image</kernel>"
                       "<initrd>initrd.img</initrd></os>\n",
                       &p, &errors),
             0);
    CHECK_EQ(p.entry, RAM + 0x80000);
    CHECK_EQ(p.kernel.ipa, p.entry);
    CHECK_EQ(p.kernel.len, 64 + 4096);
    CHECK_EQ(p.dtb.ipa, RAM + 16 * MIB - SEPTUM_GUEST_DTB_SIZE);
    CHECK_EQ(p.initrd.len, 64 + 10000);
    /* Page aligned, right below the device tree. */
    CHECK_EQ(p.initrd.ipa, p.dtb.ipa - 3 * 4096);
    CHECK_EQ(fdt_check_header(p.dtb.data), 0);
    CHECK_EQ(fdt_totalsize(p.dtb.data), p.dtb.len);
    start =
        fdt_getprop(p.dtb.data, fdt_path_offset(p.dtb.data, "/chosen"), "linux,initrd-start", &len);
    CHECK(start && len == 8 && fdt32_to_cpu(start[1]) == p.initrd.ipa);
    domain_plan_free(&p);
    free(errors);
}

TEST(plan_says_how_much_memory_the_images_need)
{
    struct domain_plan p;
    char *errors, *big = temp_image("big.Image", 0x200000 - 0x1000, 5 * MIB, 0);

    free(big);
    CHECK_EQ(plan_body("<memory unit='MiB'>4</memory>"
                       "<os><type>hvm</type><kernel>big.Image</kernel></os>\n",
                       &p, &errors),
             -EINVAL);
    CHECK(strstr(errors, ":3: element <memory>: 4 MiB is too small: the kernel takes 5120 KiB "
                         "from offset 0x1ff000, the initramfs 0 KiB and the device tree 64 KiB; "
                         "at least 8 MiB\n") != NULL);
    free(errors);
}

TEST(plan_checks_free_memory_on_a_running_machine)
{
    char *path = temp_definition("<memory unit='GiB'>1</memory>\n");
    struct domain_desc *d = load_ok(path);
    struct septum_physinfo info = {.nr_pcpus = 2, .mem_free = 512 * MIB};
    struct domain_plan p;
    struct machine m;
    struct captured c;

    info.pcpu_owner[0] = 0;
    info.pcpu_owner[1] = SEPTUM_PCPU_FREE;
    machine_from_physinfo(&m, &info);
    capture_start(&c, "t.xml");
    CHECK_EQ(domain_plan_make(d, &m, NULL, &c.sink, &p), -EINVAL);
    CHECK(strcmp(capture_text(&c), "t.xml:3: element <memory>: 1024 MiB asked, 512 MiB free\n") ==
          0);
    capture_end(&c);
    domain_desc_free(d);
    free(path);
}

TEST(plan_finds_images_under_a_root)
{
    char *kernel = temp_image("kernel.Image", 0x80000, 0x10000, 16);
    char *dir = strdup(kernel), *path;
    struct domain_desc *d;
    struct domain_plan p;
    struct machine m;
    struct captured c;

    *strrchr(dir, '/') = '\0';
    path = temp_definition("<memory unit='MiB'>4</memory>"
                           "<os><type>hvm</type><kernel>/kernel.Image</kernel></os>\n");
    d = load_ok(path);
    machine_model(&m, 1, 0);
    capture_start(&c, path);
    CHECK_EQ(domain_plan_make(d, &m, NULL, &c.sink, &p), -ENOENT);
    CHECK(strstr(capture_text(&c), "element <kernel>: /kernel.Image: No such file") != NULL);
    CHECK_EQ(domain_plan_make(d, &m, dir, &c.sink, &p), 0);
    CHECK(strcmp(p.kernel.path, kernel) == 0);
    capture_end(&c);
    domain_plan_free(&p);
    domain_desc_free(d);
    free(path);
    free(dir);
    free(kernel);
}

/* Plans a definition in def/ whose kernel is name, with root (or none);
 * returns the result and the messages (malloc()ed). */
static int plan_kernel(const char *name, const char *root, char **errors)
{
    char text[512], *path;
    struct domain_desc *d;
    struct domain_plan p;
    struct machine m;
    struct captured c;
    int rc;

    snprintf(text, sizeof(text),
             "<domain type='xen'><name>t</name><memory unit='MiB'>4</memory>"
             "<os><type>hvm</type><kernel>%s</kernel></os></domain>\n",
             name);
    path = temp_text("def/d.xml", text);
    d = load_ok(path);
    machine_model(&m, 1, 0);
    capture_start(&c, "d.xml");
    rc = domain_plan_make(d, &m, root, &c.sink, &p);
    *errors = strdup(capture_text(&c));
    capture_end(&c);
    if (rc == 0)
        domain_plan_free(&p);
    domain_desc_free(d);
    free(path);
    return rc;
}

TEST(plan_reads_nothing_outside_a_root_and_the_definitions_folder)
{
    /* top/secret.Image, top/root/ok.Image, links to both in top/root, and
     * the definition in top/def. */
    char *secret = temp_image("secret.Image", 0x80000, 0x10000, 16);
    char *top = strdup(secret), root[256], link[300], *errors;
    static const char *const inside[] = {"/ok.Image", "/rel.Image", "../root/ok.Image"};
    static const char *const outside[] = {"/../secret.Image", "/abs.Image", "../secret.Image",
                                          "/../def/../secret.Image"};

    *strrchr(top, '/') = '\0';
    snprintf(root, sizeof(root), "%s/root", top);
    CHECK_EQ(mkdir(root, 0755), 0);
    snprintf(link, sizeof(link), "%s/def", top);
    CHECK_EQ(mkdir(link, 0755), 0);
    free(temp_image("root/ok.Image", 0x80000, 0x10000, 16));
    snprintf(link, sizeof(link), "%s/abs.Image", root);
    CHECK_EQ(symlink(secret, link), 0);
    snprintf(link, sizeof(link), "%s/rel.Image", root);
    CHECK_EQ(symlink("ok.Image", link), 0);
    for (size_t i = 0; i < sizeof(inside) / sizeof(inside[0]); i++) {
        CHECK_EQ(plan_kernel(inside[i], root, &errors), 0);
        free(errors);
    }
    for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
        char expected[1024];

        snprintf(expected, sizeof(expected),
                 "d.xml:1: element <kernel>: %s leads to %s, outside %s and the definition's "
                 "folder: not read\n",
                 outside[i], secret, root);
        CHECK_EQ(plan_kernel(outside[i], root, &errors), -EACCES);
        if (strcmp(errors, expected) != 0)
            fprintf(stderr, "expected: %sgot: %s", expected, errors);
        CHECK(strcmp(errors, expected) == 0);
        free(errors);
    }
    /* Without a root (in dom0), a definition names what it likes. */
    CHECK_EQ(plan_kernel("../secret.Image", NULL, &errors), 0);
    free(errors);
    free(top);
    free(secret);
}

TEST(plan_takes_devices_by_address_and_checks_dma_against_direct_map)
{
    struct domain_plan p;
    char *errors;

    CHECK_EQ(plan_body("<memory unit='MiB'>4</memory><metadata>"
                       "<s:septum xmlns:s='http://septum.dev/xmlns/domain/1'>"
                       "<s:passthrough><s:mmio base='0x9010000' size='0x1000' ipa='0xa200000'/>"
                       "<s:interrupt host='34' guest='40'/></s:passthrough>"
                       "</s:septum></metadata>\n",
                       &p, &errors),
             0);
    CHECK_EQ(p.nr_devices, 1);
    CHECK_EQ(p.devices[0].mmio[0].base, 0x9010000);
    CHECK_EQ(p.devices[0].mmio[0].ipa, 0xa200000);
    CHECK_EQ(p.devices[0].irqs[0].host, 34);
    CHECK_EQ(p.devices[0].irqs[0].guest, 40);
    CHECK_EQ(p.devices[0].flags, 0);
    CHECK_EQ(p.config.flags, 0);
    domain_plan_free(&p);
    free(errors);
    CHECK_EQ(plan_body("<memory unit='MiB'>4</memory><metadata>"
                       "<s:septum xmlns:s='http://septum.dev/xmlns/domain/1'>"
                       "<s:memory direct-map='yes'/>"
                       "<s:passthrough dma='yes'><s:mmio base='0xa003e00' size='0x200'/>"
                       "</s:passthrough></s:septum></metadata>\n",
                       &p, &errors),
             0);
    CHECK_EQ(p.devices[0].flags, SEPTUM_MMIO_DMA);
    CHECK_EQ(p.config.flags, SEPTUM_DOMAIN_DIRECT_MAP);
    domain_plan_free(&p);
    free(errors);
    CHECK_EQ(plan_body("<memory unit='MiB'>4</memory><metadata>"
                       "<s:septum xmlns:s='http://septum.dev/xmlns/domain/1'>"
                       "<s:passthrough dma='yes'><s:mmio base='0xa003e00' size='0x200'/>"
                       "</s:passthrough></s:septum></metadata>\n",
                       &p, &errors),
             -EINVAL);
    CHECK(strstr(errors, "element <passthrough>: mmio 0xa003e00 does DMA: domain") != NULL);
    free(errors);
}

TEST(plan_fits_a_users_device_tree)
{
    static char tree[4096];
    struct domain_plan p;
    char *errors, *path;
    int len;

    CHECK_EQ(fdt_create_empty_tree(tree, sizeof(tree)), 0);
    CHECK_EQ(fdt_setprop_string(tree, 0, "model", "mine"), 0);
    CHECK_EQ(fdt_pack(tree), 0);
    path = temp_file("mine.dtb", tree, fdt_totalsize(tree));
    free(path);
    CHECK_EQ(plan_body("<memory unit='MiB'>4</memory>"
                       "<os><type>hvm</type><kernel>kernel.Image</kernel>"
                       "<cmdline>from xml</cmdline><dtb>mine.dtb</dtb></os>\n",
                       &p, &errors),
             0);
    CHECK(strcmp(fdt_getprop(p.dtb.data, 0, "model", &len), "mine") == 0);
    CHECK(strcmp(fdt_getprop(p.dtb.data, fdt_path_offset(p.dtb.data, "/chosen"), "bootargs", &len),
                 "from xml") == 0);
    CHECK(fdt_node_offset_by_prop_value(p.dtb.data, -1, "device_type", "memory", 7) >= 0);
    CHECK_EQ(p.dtb.len, fdt_totalsize(p.dtb.data));
    CHECK_EQ(p.dtb.ipa, RAM + 4 * MIB - SEPTUM_GUEST_DTB_SIZE);
    domain_plan_free(&p);
    free(errors);
}

TEST(plan_places_shared_memory_and_describes_it)
{
    struct domain_plan p;
    char *errors;
    const fdt32_t *reg, *irq;
    const char *name;
    int node, len;

    CHECK_EQ(plan_body("<memory unit='MiB'>16</memory>"
                       "<os><type>hvm</type><kernel>kernel.Image</kernel></os><devices>"
                       "<shmem name='a'><model type='ivshmem-doorbell'/><size unit='KiB'>64</size>"
                       "</shmem><shmem name='b'><model type='ivshmem-doorbell'/><size>8192</size>"
                       "</shmem><shmem name='c'><model type='ivshmem-doorbell'/>"
                       "<size unit='M'>1</size></shmem></devices><metadata>"
                       "<s:septum xmlns:s='http://septum.dev/xmlns/domain/1'>"
                       "<s:shmem name='b' address='0x50000000' interrupt='50'/>"
                       "</s:septum></metadata>\n",
                       &p, &errors),
             0);
    CHECK_EQ(p.nr_shm, 3);
    /* Defaults: registers by position, regions one after the other. */
    CHECK(strcmp(p.shm[0].name, "a") == 0);
    CHECK_EQ(p.shm[0].regs_ipa, SEPTUM_SHM_WINDOW_BASE);
    CHECK_EQ(p.shm[0].ipa, SEPTUM_SHM_WINDOW_BASE + SEPTUM_SHM_REGS_SIZE);
    CHECK_EQ(p.shm[0].size, 64 << 10);
    CHECK_EQ(p.shm[0].virq, SEPTUM_SHM_DEFAULT_VIRQ);
    CHECK_EQ(p.shm[1].ipa, 0x50000000);
    CHECK_EQ(p.shm[1].regs_ipa, SEPTUM_SHM_WINDOW_BASE + 0x1000);
    CHECK_EQ(p.shm[1].virq, 50);
    CHECK_EQ(p.shm[2].ipa, p.shm[0].ipa + (64 << 10));
    CHECK_EQ(p.shm[2].virq, SEPTUM_SHM_DEFAULT_VIRQ + 2);
    node = fdt_node_offset_by_compatible(p.dtb.data, -1, SEPTUM_SHM_COMPATIBLE);
    CHECK(node >= 0);
    name = fdt_getprop(p.dtb.data, node, "septum,name", NULL);
    CHECK(name && strcmp(name, "a") == 0);
    reg = fdt_getprop(p.dtb.data, node, "reg", &len);
    CHECK(reg && len == 32);
    CHECK_EQ(fdt32_to_cpu(reg[1]), SEPTUM_SHM_WINDOW_BASE);
    CHECK_EQ(fdt32_to_cpu(reg[5]), p.shm[0].ipa);
    CHECK_EQ(fdt32_to_cpu(reg[7]), 64 << 10);
    irq = fdt_getprop(p.dtb.data, node, "interrupts", &len);
    CHECK(irq && len == 12 && fdt32_to_cpu(irq[1]) == SEPTUM_SHM_DEFAULT_VIRQ - 32 &&
          fdt32_to_cpu(irq[2]) == 1 /* edge */);
    domain_plan_free(&p);
    free(errors);
}

TEST(plan_refuses_regions_that_collide)
{
    struct domain_plan p;
    char *errors;

    CHECK_EQ(plan_body("<memory unit='MiB'>16</memory>"
                       "<os><type>hvm</type><kernel>kernel.Image</kernel></os><devices>"
                       "<shmem name='a'><model type='ivshmem-doorbell'/><size unit='M'>1</size>"
                       "</shmem><shmem name='b'><model type='ivshmem-doorbell'/>"
                       "<size unit='M'>1</size></shmem></devices><metadata>"
                       "<s:septum xmlns:s='http://septum.dev/xmlns/domain/1'>"
                       "<s:shmem name='b' address='0xb080000' interrupt='40'/>"
                       "</s:septum></metadata>\n",
                       &p, &errors),
             -EINVAL);
    CHECK(strstr(errors, "region 'b' overlaps region 'a'") != NULL);
    CHECK(strstr(errors, "regions 'a' and 'b' both use INTID 40") != NULL);
    free(errors);
}
