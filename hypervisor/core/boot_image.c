/* Domain boot content: segments replayed into RAM at every (re)start. */
#include <septum/arch.h>
#include <septum/boot_image.h>
#include <septum/errno.h>
#include <septum/guest_fdt.h>
#include <septum/guest_ram.h>
#include <septum/image.h>
#include <septum/log.h>
#include <septum/string.h>
#include <septum/vm.h>

static uint64_t ram_end(const struct vm *vm)
{
    return vm->ram_ipa + vm->config.mem_size;
}

/* True if [ipa, ipa + size) lies inside the domain's RAM. */
static bool in_ram(const struct vm *vm, uint64_t ipa, uint64_t size)
{
    return ipa >= vm->ram_ipa && ipa <= ram_end(vm) && size <= ram_end(vm) - ipa;
}

static int add_segment(struct vm *vm, uint64_t ipa, paddr_t pa, uint64_t size, bool owned)
{
    struct boot_image *b = &vm->boot;

    if (b->nr_segments == BOOT_SEGMENTS_MAX)
        return -ENOSPC;
    if (!in_ram(vm, ipa, size))
        return -EFAULT;
    b->segments[b->nr_segments++] =
        (struct boot_segment){.ipa = ipa, .pa = pa, .size = size, .owned = owned};
    return 0;
}

bool boot_module_in_place(const struct domain_config *c, const struct boot_module *m)
{
    return c->control && c->ram_base && m->size && m->pa >= c->ram_base &&
           m->pa - c->ram_base <= c->mem_size && m->size <= c->mem_size - (m->pa - c->ram_base);
}

static bool overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
    return a_size && b_size && a < b + b_size && b < a + a_size;
}

/* Where the kernel and the initramfs are seen: where they lie when in place
 * (IPA == PA), else at RAM + text_offset and just below the DTB, page
 * aligned, where they are copied to. */
int boot_image_from_modules(struct vm *vm)
{
    const struct domain_config *c = &vm->config;
    struct boot_image *b = &vm->boot;
    struct image_info info;
    bool kernel_in_place = boot_module_in_place(c, &c->kernel);
    bool initrd_in_place = boot_module_in_place(c, &c->ramdisk);
    uint64_t load_ipa, dtb_ipa = ram_end(vm) - GUEST_DTB_MAX;
    int err = image_parse(hal_phys_to_virt(c->kernel.pa), c->kernel.size, &info);

    if (err) {
        log_printf("%s: the kernel is not an Image for this architecture", c->name);
        return err;
    }
    load_ipa = kernel_in_place ? c->kernel.pa : vm->ram_ipa + info.text_offset;
    if (kernel_in_place && (load_ipa - info.text_offset) % GUEST_RAM_BLOCK) {
        log_printf("%s: a kernel in place must be text_offset past a 2 MiB boundary", c->name);
        return -EINVAL;
    }
    b->initrd_size = c->ramdisk.size;
    b->initrd_ipa =
        initrd_in_place ? c->ramdisk.pa : (dtb_ipa - c->ramdisk.size) & ~(PAGE_SIZE - 1);
    if (c->mem_size < GUEST_DTB_MAX + c->ramdisk.size || !in_ram(vm, load_ipa, info.footprint) ||
        !in_ram(vm, b->initrd_ipa, c->ramdisk.size) ||
        overlap(load_ipa, info.footprint, dtb_ipa, GUEST_DTB_MAX) ||
        overlap(b->initrd_ipa, c->ramdisk.size, dtb_ipa, GUEST_DTB_MAX) ||
        overlap(load_ipa, info.footprint, b->initrd_ipa, c->ramdisk.size)) {
        log_printf("%s: kernel (%llu bytes) and initramfs (%llu) do not fit in %llu MiB", c->name,
                   (unsigned long long)info.footprint, (unsigned long long)c->ramdisk.size,
                   (unsigned long long)(c->mem_size >> 20));
        return -E2BIG;
    }
    if (!kernel_in_place)
        err = add_segment(vm, load_ipa, c->kernel.pa, c->kernel.size, false);
    if (!err && c->ramdisk.size && !initrd_in_place)
        err = add_segment(vm, b->initrd_ipa, c->ramdisk.pa, c->ramdisk.size, false);
    if (err)
        return err;
    b->in_place = kernel_in_place || initrd_in_place;
    b->entry = load_ipa;
    b->dtb_ipa = dtb_ipa;
    b->dtb_standard = true;
    return 0;
}

int boot_image_load(struct vm *vm, uint64_t ipa, paddr_t src, uint64_t size)
{
    struct range_take take;
    paddr_t copy;
    int err;

    if (size == 0 || !in_ram(vm, ipa, size))
        return -EFAULT;
    err = guest_ram_alloc((size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1), PAGE_SIZE, 1, &take);
    if (err)
        return err;
    copy = take.extents[0].base;
    memcpy(hal_phys_to_virt(copy), hal_phys_to_virt(src), size);
    err = add_segment(vm, ipa, copy, size, true);
    if (err) {
        guest_ram_free(copy, (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
        return err;
    }
    vm->boot.copied_bytes += (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    return aspace_copy_to_guest(&vm->aspace, ipa, hal_phys_to_virt(copy), size);
}

int boot_image_set_boot(struct vm *vm, uint64_t entry, uint64_t dtb_ipa)
{
    struct boot_image *b = &vm->boot;

    if (!in_ram(vm, entry, 4) || (entry & 3))
        return -EFAULT;
    if (dtb_ipa && (!in_ram(vm, dtb_ipa, 8) || (dtb_ipa & 7)))
        return -EFAULT;
    b->entry = entry;
    b->dtb_standard = dtb_ipa == 0;
    b->dtb_ipa = dtb_ipa ? dtb_ipa : ram_end(vm) - GUEST_DTB_MAX;
    return 0;
}

static int write_standard_dtb(struct vm *vm)
{
    void *dtb = hal_alloc_pages(GUEST_DTB_MAX / PAGE_SIZE);
    int size;

    if (!dtb)
        return -ENOMEM;
    size = guest_fdt_build(vm, dtb, GUEST_DTB_MAX);
    if (size >= 0)
        size = aspace_copy_to_guest(&vm->aspace, vm->boot.dtb_ipa, dtb, (uint64_t)size);
    hal_free_pages(dtb, GUEST_DTB_MAX / PAGE_SIZE);
    return size < 0 ? size : 0;
}

int boot_image_finish(struct vm *vm)
{
    struct boot_image *b = &vm->boot;
    int err;

    if (!b->entry)
        return -ENOEXEC; /* nothing says where to start */
    if (b->dtb_standard) {
        err = write_standard_dtb(vm);
        if (err)
            return err;
    }
    vm->vcpus[0].entry = b->entry;
    vm->vcpus[0].entry_arg = b->dtb_ipa;
    return 0;
}

int boot_image_replay(struct vm *vm)
{
    struct boot_image *b = &vm->boot;

    for (unsigned i = 0; i < b->nr_segments; i++) {
        const struct boot_segment *s = &b->segments[i];
        int err = aspace_copy_to_guest(&vm->aspace, s->ipa, hal_phys_to_virt(s->pa), s->size);

        if (err)
            return err;
    }
    return boot_image_finish(vm);
}

void boot_image_release(struct vm *vm)
{
    struct boot_image *b = &vm->boot;

    for (unsigned i = 0; i < b->nr_segments; i++) {
        if (b->segments[i].owned)
            guest_ram_free(b->segments[i].pa,
                           (b->segments[i].size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
    }
    *b = (struct boot_image){0};
}
