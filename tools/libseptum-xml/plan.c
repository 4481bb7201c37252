/* From a definition to a domain ready to be made: configuration, pinning,
 * memory, and the images laid out the way the hypervisor lays out a
 * boot-time domain's (core/boot_image.c): the kernel at RAM + text_offset,
 * the device tree in the last SEPTUM_GUEST_DTB_SIZE bytes, the initramfs
 * just below it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "guest_dtb.h"
#include "images.h"
#include "pinning.h"
#include "plan.h"
#include "sizes.h"

#define PAGE_SIZE 4096ull
#define MEMORY_ALIGN (2 * MIB)

static uint64_t round_up(uint64_t v, uint64_t align)
{
    return (v + align - 1) / align * align;
}

static void set_config(const struct domain_desc *desc, struct septum_domain_config *c)
{
    septum_domain_config_init(c);
    septum_domain_config_set_name(c, desc->name);
    if (desc->cmdline)
        septum_domain_config_set_cmdline(c, desc->cmdline);
    c->nr_vcpus = desc->nr_vcpus;
    c->mem_size = desc->memory;
    c->on_poweroff = desc->on_poweroff;
    c->on_reboot = desc->on_reboot;
    c->on_crash = desc->on_crash;
    if (desc->direct_map)
        c->flags |= SEPTUM_DOMAIN_DIRECT_MAP;
    if (desc->native_wfi)
        c->flags |= SEPTUM_DOMAIN_NATIVE_WFI;
}

static void check_memory(const struct domain_desc *desc, const struct machine *m,
                         struct diag_sink *d)
{
    if (desc->memory > m->mem_free)
        diag_at(d, &desc->memory_at, "%llu MiB asked, %llu MiB free",
                (unsigned long long)(desc->memory / MIB), (unsigned long long)(m->mem_free / MIB));
}

static struct image_limit in_memory(const struct domain_desc *desc)
{
    return (struct image_limit){desc->memory, "the domain's memory"};
}

static int read_kernel(const struct domain_desc *desc, const char *root, struct diag_sink *d,
                       struct domain_plan *p, struct septum_image *img)
{
    int rc = image_read(desc, desc->kernel, &desc->kernel_at, root, in_memory(desc), d, &p->kernel);

    if (rc < 0)
        return rc;
    if (septum_image_parse(p->kernel.data, p->kernel.len, img) < 0) {
        diag_at(d, &desc->kernel_at,
                "%s: not an arm64 Linux Image (64-byte header with "
                "'ARM\\x64' magic, little-endian, text_offset below 2 MiB)",
                p->kernel.path);
        return -EINVAL;
    }
    p->entry = SEPTUM_GUEST_RAM_BASE + img->text_offset;
    p->kernel.ipa = p->entry;
    return 0;
}

/* Places the initramfs below the device tree, page aligned, and checks that
 * the kernel's footprint ends below both. */
static int place(const struct domain_desc *desc, struct diag_sink *d, struct domain_plan *p,
                 const struct septum_image *img)
{
    uint64_t ram_end = SEPTUM_GUEST_RAM_BASE + desc->memory;
    uint64_t below = ram_end - SEPTUM_GUEST_DTB_SIZE;
    uint64_t needed = img->text_offset + img->footprint + round_up(p->initrd.len, PAGE_SIZE) +
                      SEPTUM_GUEST_DTB_SIZE;

    p->dtb.ipa = below;
    if (p->initrd.len && p->initrd.len <= below - SEPTUM_GUEST_RAM_BASE)
        p->initrd.ipa = (below - p->initrd.len) & ~(PAGE_SIZE - 1);
    if (needed > desc->memory) {
        diag_at(d, &desc->memory_at,
                "%llu MiB is too small: the kernel takes %llu KiB from offset 0x%llx, the "
                "initramfs %llu KiB and the device tree %u KiB; at least %llu MiB",
                (unsigned long long)(desc->memory / MIB),
                (unsigned long long)(img->footprint >> 10), (unsigned long long)img->text_offset,
                (unsigned long long)(p->initrd.len >> 10), SEPTUM_GUEST_DTB_SIZE >> 10,
                (unsigned long long)(round_up(needed, MEMORY_ALIGN) / MIB));
        return -EINVAL;
    }
    return 0;
}

/* The user's device tree (<dtb>), with /memory and /chosen set. */
static int adapt_dtb(const struct domain_desc *desc, const char *root, struct diag_sink *d,
                     const struct guest_dtb_params *params, struct placed_file *dtb)
{
    struct image_limit limit = {SEPTUM_GUEST_DTB_SIZE, "the room kept for the device tree"};
    int size = image_read(desc, desc->dtb, &desc->dtb_at, root, limit, d, dtb);
    void *room;

    if (size < 0)
        return size;
    /* Room to add the properties, within what the domain's RAM keeps for it. */
    room = realloc(dtb->data, SEPTUM_GUEST_DTB_SIZE);
    if (!room)
        return -ENOMEM;
    dtb->data = room;
    size = guest_dtb_adapt(params, room, dtb->len, SEPTUM_GUEST_DTB_SIZE);
    if (size == -EINVAL)
        diag_at(d, &desc->dtb_at, "%s: not a flattened device tree", dtb->path);
    else if (size == -ENOSPC)
        diag_at(d, &desc->dtb_at, "%s: larger than %u KiB with /memory and /chosen set", dtb->path,
                SEPTUM_GUEST_DTB_SIZE >> 10);
    return size;
}

/* The device's node, copied from the machine's device tree. */
static int add_device_node(const struct plan_device *dev, const void *host_fdt, struct diag_sink *d,
                           struct placed_file *dtb)
{
    struct guest_dtb_device g = {.host_node = dev->host_node, .nr_regs = dev->nr_mmio};
    int size;

    for (size_t i = 0; i < dev->nr_mmio; i++) {
        g.ipa[i] = dev->mmio[i].ipa;
        g.size[i] = dev->mmio[i].size;
    }
    g.nr_irqs = dev->nr_irqs;
    for (size_t i = 0; i < dev->nr_irqs; i++)
        g.virq[i] = dev->irqs[i].guest;
    size = guest_dtb_add_device(dtb->data, SEPTUM_GUEST_DTB_SIZE, host_fdt, &g);
    if (size == -ENOSPC)
        diag_at(d, &dev->desc->at, "%s: the device tree is larger than %u KiB with its node",
                dev->label, SEPTUM_GUEST_DTB_SIZE >> 10);
    else if (size == -EEXIST)
        diag_at(d, &dev->desc->at,
                "%s: the domain has a device of its own at 0x%llx (give another ipa)", dev->label,
                (unsigned long long)g.ipa[0]);
    return size;
}

static int make_dtb(const struct domain_desc *desc, const char *root, struct diag_sink *d,
                    struct domain_plan *p)
{
    struct guest_dtb_params params = {
        .mem_base = SEPTUM_GUEST_RAM_BASE,
        .mem_size = desc->memory,
        .nr_vcpus = desc->nr_vcpus,
        .cmdline = desc->cmdline,
        .initrd_start = p->initrd.ipa,
        .initrd_size = p->initrd.len,
        .shm = p->shm,
        .nr_shm = p->nr_shm,
    };
    int size;

    if (desc->dtb) {
        size = adapt_dtb(desc, root, d, &params, &p->dtb);
    } else {
        p->dtb.data = malloc(SEPTUM_GUEST_DTB_SIZE);
        size = p->dtb.data ? guest_dtb_build(&params, p->dtb.data, SEPTUM_GUEST_DTB_SIZE) : -ENOMEM;
    }
    for (size_t i = 0; size >= 0 && i < p->nr_devices; i++) {
        if (p->devices[i].host_node >= 0)
            size = add_device_node(&p->devices[i], p->host_fdt, d, &p->dtb);
    }
    if (size < 0)
        return size;
    p->dtb.len = (size_t)size;
    return 0;
}

static int make_images(const struct domain_desc *desc, const char *root, struct diag_sink *d,
                       struct domain_plan *p)
{
    struct septum_image img;
    int rc = read_kernel(desc, root, d, p, &img);

    if (rc == 0 && desc->initrd)
        rc = image_read(desc, desc->initrd, &desc->initrd_at, root, in_memory(desc), d, &p->initrd);
    if (rc == 0)
        rc = place(desc, d, p, &img);
    if (rc == 0)
        rc = make_dtb(desc, root, d, p);
    return rc;
}

int domain_plan_make(const struct domain_desc *desc, const struct machine *m, const char *root,
                     struct diag_sink *d, struct domain_plan *plan)
{
    unsigned before = d->errors;
    int rc;

    memset(plan, 0, sizeof(*plan));
    set_config(desc, &plan->config);
    pin_vcpus(desc, m, d, plan->config.pcpus);
    check_memory(desc, m, d);
    plan_shm(desc, d, plan);
    rc = plan_devices(desc, m, d, plan);
    if (rc == 0)
        rc = make_images(desc, root, d, plan);
    if (rc == 0 && d->errors != before)
        rc = -EINVAL;
    if (rc < 0)
        domain_plan_free(plan);
    return rc;
}

static void free_file(struct placed_file *f)
{
    free(f->path);
    free(f->data);
}

void domain_plan_free(struct domain_plan *plan)
{
    free_file(&plan->kernel);
    free_file(&plan->initrd);
    free_file(&plan->dtb);
    free(plan->devices);
    memset(plan, 0, sizeof(*plan));
}
