/* Passed-through MMIO ranges: who owns which physical range, and how a
 * domain sees it. Whole pages are mapped at stage 2 as device memory; a
 * smaller window (QEMU virt packs eight virtio-mmio transports into one
 * page) is left unmapped and every access to it is trapped and forwarded,
 * only inside the window, so that the page's other windows can belong to
 * other domains.
 *
 * Ownership is an atomic owner pointer per entry. Assignments (control
 * domain only) are serialised by assign_lock and publish an entry with a
 * release store once it is complete; a release clears its domain's owners
 * without the lock, so a domain's stop never waits on an assignment. An
 * assigner that sees an entry still owned while it is being given back
 * refuses with -EBUSY, as it would a moment earlier. */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/log.h>
#include <septum/passthrough.h>
#include <septum/platform.h>
#include <septum/spinlock.h>
#include <septum/vm.h>

struct pt_mmio {
    _Atomic(struct vm *) owner; /* NULL: the hypervisor's */
    uint64_t pa, size, ipa;
    uint32_t flags;
    bool window; /* trapped and forwarded, not mapped */
};

static struct pt_mmio mmios[PT_MAX_MMIO];
static spinlock_t assign_lock = SPINLOCK_INIT;

static bool overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
    return a < b + b_size && b < a + a_size;
}

static uint64_t page_down(uint64_t a)
{
    return a & ~(PAGE_SIZE - 1);
}

/* The guest-physical span a range takes from others: whole pages when it
 * is mapped, its own bytes when it is a window. */
static void ipa_span(uint64_t ipa, uint64_t size, bool window, uint64_t *base, uint64_t *len)
{
    *base = window ? ipa : page_down(ipa);
    *len = window ? size : page_down(ipa + size + PAGE_SIZE - 1) - *base;
}

/* Forwards one access inside a window to the device: offsets are the
 * window's own, checked against its size by the device manager. */
static int forward(void *opaque, struct vcpu *vcpu, uint64_t offset, unsigned size, bool write,
                   uint64_t *value)
{
    const struct pt_mmio *m = opaque;

    (void)vcpu;
    if (offset % size)
        return -EINVAL; /* devices take naturally aligned accesses only */
    if (write)
        hal_mmio_write(m->pa + offset, size, *value);
    else
        *value = hal_mmio_read(m->pa + offset, size);
    return 0;
}

static int check_shape(const struct vm *vm, uint64_t pa, uint64_t size, uint64_t ipa,
                       uint32_t flags, bool *window)
{
    const char *name = vm->config.name;

    if (flags & ~SEPTUM_MMIO_DMA || size == 0 || pa + size < pa || ipa + size < ipa)
        return -EINVAL;
    *window = (pa | size) % PAGE_SIZE != 0;
    if (*window && (pa % 4 || size % 4 || page_down(pa) != page_down(pa + size - 1))) {
        log_printf("%s: MMIO 0x%llx+0x%llx: a window smaller than a page must be 4-byte aligned "
                   "and inside one page",
                   name, (unsigned long long)pa, (unsigned long long)size);
        return -EINVAL;
    }
    if (ipa % PAGE_SIZE != pa % PAGE_SIZE) {
        log_printf("%s: MMIO 0x%llx: IPA 0x%llx must keep its offset in the page", name,
                   (unsigned long long)pa, (unsigned long long)ipa);
        return -EINVAL;
    }
    if ((flags & SEPTUM_MMIO_DMA) && !vm->config.direct_map) {
        log_printf("%s: MMIO 0x%llx does DMA: only for a direct-mapped domain", name,
                   (unsigned long long)pa);
        return -EINVAL;
    }
    if (overlap(pa, size, platform.uart, platform.uart_size)) {
        log_printf("MMIO 0x%llx+0x%llx is the hypervisor's UART", (unsigned long long)pa,
                   (unsigned long long)size);
        return -EINVAL;
    }
    return arch_mmio_passable(pa, size);
}

/* The domain's guest-physical space around [ipa, ipa + size): its RAM, its
 * emulated devices and what it was given already. The caller holds
 * assign_lock. */
static int check_ipa(struct vm *vm, uint64_t ipa, uint64_t size, bool window)
{
    uint64_t base, len;

    ipa_span(ipa, size, window, &base, &len);
    if (overlap(base, len, vm->ram_ipa, vm->config.mem_size))
        goto busy;
    for (unsigned i = 0; i < vm->devices.count; i++) {
        const struct mmio_device *d = &vm->devices.devices[i];

        if (overlap(base, len, d->base, d->size))
            goto busy;
    }
    for (unsigned i = 0; i < PT_MAX_MMIO; i++) {
        const struct pt_mmio *m = &mmios[i];
        uint64_t b, l;

        if (atomic_load_explicit(&m->owner, memory_order_acquire) != vm)
            continue;
        ipa_span(m->ipa, m->size, m->window, &b, &l);
        if (overlap(base, len, b, l))
            goto busy;
    }
    return 0;
busy:
    log_printf("%s: IPA 0x%llx+0x%llx overlaps its RAM or devices", vm->config.name,
               (unsigned long long)ipa, (unsigned long long)size);
    return -EINVAL;
}

/* Who holds any byte of [pa, pa + size), or NULL; the caller holds
 * assign_lock. */
static struct vm *pa_owner(uint64_t pa, uint64_t size)
{
    for (unsigned i = 0; i < PT_MAX_MMIO; i++) {
        struct vm *owner = atomic_load_explicit(&mmios[i].owner, memory_order_acquire);

        if (owner && overlap(pa, size, mmios[i].pa, mmios[i].size))
            return owner;
    }
    return NULL;
}

static struct pt_mmio *free_entry(void)
{
    for (unsigned i = 0; i < PT_MAX_MMIO; i++) {
        if (!atomic_load_explicit(&mmios[i].owner, memory_order_acquire))
            return &mmios[i];
    }
    return NULL;
}

static int take(struct vm *vm, uint64_t pa, uint64_t size, uint64_t ipa, uint32_t flags,
                bool window)
{
    struct pt_mmio *m;
    struct vm *owner;
    int err = check_ipa(vm, ipa, size, window);

    if (err)
        return err;
    owner = pa_owner(pa, size);
    if (owner) {
        log_printf("%s: MMIO 0x%llx+0x%llx is d%u's (%s)", vm->config.name, (unsigned long long)pa,
                   (unsigned long long)size, owner->id, owner->config.name);
        return -EBUSY;
    }
    m = free_entry();
    if (!m)
        return -ENOSPC;
    *m = (struct pt_mmio){.pa = pa, .size = size, .ipa = ipa, .flags = flags, .window = window};
    if (window)
        err = devmgr_register(&vm->devices, ipa, size, forward, m, "passthrough");
    else
        err = aspace_map_device(&vm->aspace, ipa, pa, size);
    if (err) {
        log_printf("%s: MMIO 0x%llx at IPA 0x%llx: cannot map it (%d)", vm->config.name,
                   (unsigned long long)pa, (unsigned long long)ipa, err);
        return err == -ENOSPC ? err : -EINVAL;
    }
    atomic_store_explicit(&m->owner, vm, memory_order_release);
    return 0;
}

int pt_assign_mmio(struct vm *vm, uint64_t pa, uint64_t size, uint64_t ipa, uint32_t flags)
{
    bool window;
    int err = check_shape(vm, pa, size, ipa, flags, &window);

    if (err)
        return err;
    if (atomic_load(&vm->state) != VM_CREATED)
        return -EBUSY;
    spin_lock(&assign_lock);
    err = take(vm, pa, size, ipa, flags, window);
    spin_unlock(&assign_lock);
    if (!err)
        log_printf("d%u (%s): MMIO 0x%llx+0x%llx at IPA 0x%llx%s%s", vm->id, vm->config.name,
                   (unsigned long long)pa, (unsigned long long)size, (unsigned long long)ipa,
                   window ? ", forwarded" : "", flags & SEPTUM_MMIO_DMA ? ", DMA" : "");
    return err;
}

/* A DMA-capable device must stop before its domain's memory is reused:
 * every virtio-mmio transport in the range is reset. */
static void reset_dma(const struct pt_mmio *m)
{
    for (uint64_t off = 0; off + VIRTIO_MMIO_STATUS + 4 <= m->size; off += VIRTIO_MMIO_STRIDE) {
        if (hal_mmio_read(m->pa + off, 4) == VIRTIO_MMIO_MAGIC)
            hal_mmio_write(m->pa + off + VIRTIO_MMIO_STATUS, 4, 0);
    }
}

void pt_reset_dma(struct vm *vm)
{
    for (unsigned i = 0; i < PT_MAX_MMIO; i++) {
        const struct pt_mmio *m = &mmios[i];

        if (atomic_load_explicit(&m->owner, memory_order_acquire) == vm &&
            (m->flags & SEPTUM_MMIO_DMA))
            reset_dma(m);
    }
}

void pt_release_mmio(struct vm *vm)
{
    for (unsigned i = 0; i < PT_MAX_MMIO; i++) {
        struct pt_mmio *m = &mmios[i];

        if (atomic_load_explicit(&m->owner, memory_order_acquire) != vm)
            continue;
        if (m->flags & SEPTUM_MMIO_DMA)
            reset_dma(m);
        atomic_store_explicit(&m->owner, NULL, memory_order_release);
    }
}

/* Accesses the domain made to a window: its device-table counters. */
static uint64_t forwarded(const struct vm *vm, const struct pt_mmio *m)
{
    for (unsigned i = 0; i < vm->devices.count; i++) {
        struct mmio_counters c;

        if (vm->devices.devices[i].opaque != m)
            continue;
        devmgr_sum_counters(&vm->devices, i, &c);
        return c.reads + c.writes;
    }
    return 0;
}

unsigned pt_mmio_resources(struct vm *vm, resource_fn fn, void *ctx)
{
    unsigned n = 0;

    for (unsigned i = 0; i < PT_MAX_MMIO; i++) {
        const struct pt_mmio *m = &mmios[i];
        struct septum_resource r;

        if (atomic_load_explicit(&m->owner, memory_order_acquire) != vm)
            continue;
        r = (struct septum_resource){.kind = SEPTUM_RESOURCE_MMIO,
                                     .flags = m->flags,
                                     .pa = m->pa,
                                     .ipa = m->ipa,
                                     .size = m->size,
                                     .count = m->window ? forwarded(vm, m) : 0};
        fn(ctx, &r);
        n++;
    }
    return n;
}
