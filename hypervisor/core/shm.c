/* Shared-memory regions: the region table, attaching and leaving (see
 * septum/shm.h for who may take which lock). */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/guest_ram.h>
#include <septum/log.h>
#include <septum/shm.h>
#include <septum/string.h>
#include <septum/vm.h>

/* Largest region: zeroing it is the attaching control domain's own time,
 * and this bounds it. */
#define SHM_SIZE_MAX (256ull << 20)
#define IPA_LIMIT (1ull << ARCH_IPA_BITS)
#define WINDOW_END (SEPTUM_SHM_WINDOW_BASE + SEPTUM_SHM_WINDOW_SIZE)
#define REGS_END (SEPTUM_SHM_WINDOW_BASE + SEPTUM_SHM_REGS_SIZE)

_Static_assert(SEPTUM_SHM_MAX_PEERS <= 32, "peer ids fit the PEERS bitmap");

static struct shm_region regions[SEPTUM_SHM_MAX_REGIONS];
/* Attach and detach only (management calls): see septum/shm.h. */
static spinlock_t table_lock = SPINLOCK_INIT;

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

static bool inside(uint64_t a, uint64_t alen, uint64_t lo, uint64_t hi)
{
    return a >= lo && a <= hi && alen <= hi - a;
}

static int window_handler(void *opaque, struct vcpu *vcpu, uint64_t offset, unsigned size,
                          bool write, uint64_t *value)
{
    struct vm *vm = opaque;
    struct shm_port *port =
        atomic_load_explicit(&vm->shm.window[offset / PAGE_SIZE], memory_order_acquire);

    (void)vcpu;
    if (port)
        return shm_doorbell_access(port, offset % PAGE_SIZE, size, write, value);
    if (!write)
        *value = 0; /* a page no region uses: reads as zero, ignores writes */
    return 0;
}

static int port_handler(void *opaque, struct vcpu *vcpu, uint64_t offset, unsigned size, bool write,
                        uint64_t *value)
{
    (void)vcpu;
    return shm_doorbell_access(opaque, offset, size, write, value);
}

unsigned shm_device_count(const struct vm *vm)
{
    /* The control domain attaches while it runs: one fixed window, never
     * a device-table change under its exits. */
    return vm->config.control ? 1 : SHM_PORTS_MAX;
}

int shm_domain_init(struct vm *vm)
{
    if (!vm->config.control)
        return 0;
    return devmgr_register(&vm->devices, SEPTUM_SHM_WINDOW_BASE, SEPTUM_SHM_REGS_SIZE,
                           window_handler, vm, "shm");
}

/* Drops one reference; the last gives the memory back and frees the slot.
 * Atomics only: this runs on stop paths. */
static void region_put(struct shm_region *r)
{
    if (atomic_fetch_sub(&r->refs, 1) != 1)
        return;
    if (r->size)
        guest_ram_free(r->pa, r->size); /* dirty: zeroed before reuse */
    r->size = 0;
    atomic_store_explicit(&r->state, SHM_FREE, memory_order_release);
}

/* The port stops receiving rings and gives its peer id and reference back. */
static void port_leave(struct shm_port *p)
{
    struct shm_region *r = p->region;

    atomic_store(&r->peers[p->peer], NULL);
    atomic_fetch_and(&r->ids, ~(1u << p->peer));
    p->region = NULL;
    region_put(r);
}

void shm_domain_release(struct vm *vm)
{
    /* Nobody holds the domain any more: no attach or detach can run on it,
     * and its stage 2 is freed with it. */
    for (unsigned i = 0; i < SHM_PORTS_MAX; i++) {
        if (vm->shm.port[i].region)
            port_leave(&vm->shm.port[i]);
    }
}

static bool range_free_in(const struct vm *vm, uint64_t ipa, uint64_t size)
{
    if (overlaps(ipa, size, vm->ram_ipa, vm->config.mem_size))
        return false;
    for (unsigned i = 0; i < vm->devices.count; i++) {
        const struct mmio_device *d = &vm->devices.devices[i];

        if (overlaps(ipa, size, d->base, d->size))
            return false;
    }
    for (unsigned i = 0; i < SHM_PORTS_MAX; i++) {
        const struct shm_port *p = &vm->shm.port[i];

        if (p->region && overlaps(ipa, size, p->ipa, p->region->size))
            return false;
    }
    return aspace_is_unmapped(&vm->aspace, ipa, size);
}

static bool virq_taken(const struct vm *vm, unsigned virq)
{
    if (vm_virq_reserved(vm, virq))
        return true;
    for (unsigned i = 0; i < SHM_PORTS_MAX; i++) {
        if (vm->shm.port[i].region && vm->shm.port[i].virq == virq)
            return true;
    }
    return false;
}

static bool name_valid(const char *name)
{
    size_t len = strnlen(name, SEPTUM_NAME_MAX);

    return len > 0 && len < SEPTUM_NAME_MAX;
}

/* Says once, where it is known, why an attach is refused. */
static int refuse(const struct vm *vm, const struct septum_shm_attach *req, int err,
                  const char *why)
{
    log_printf("d%u (%s): shm %s: %s", vm->id, vm->config.name, req->name, why);
    return err;
}

/* Checks that need no table: the caller holds table_lock so that the
 * domain's ports do not change meanwhile. */
static int check_request(const struct vm *vm, const struct septum_shm_attach *req)
{
    uint64_t size = req->size;

    if (req->flags)
        return refuse(vm, req, -EINVAL, "unknown flags");
    if (size == 0 || size % PAGE_SIZE || size > SHM_SIZE_MAX)
        return refuse(vm, req, -EINVAL, "size must be a multiple of 4 KiB, at most 256 MiB");
    if ((req->ipa | req->regs_ipa) % PAGE_SIZE || !inside(req->ipa, size, 0, IPA_LIMIT) ||
        !inside(req->regs_ipa, PAGE_SIZE, 0, IPA_LIMIT))
        return refuse(vm, req, -EINVAL, "addresses must be page aligned and below 512 GiB");
    if (overlaps(req->ipa, size, req->regs_ipa, PAGE_SIZE))
        return refuse(vm, req, -EINVAL, "region and registers overlap");
    if (req->virq < arch_guest.first_device_irq || req->virq >= arch_nr_virqs() ||
        virq_taken(vm, req->virq))
        return refuse(vm, req, -EINVAL, "interrupt is not a free SPI of the virtual GIC");
    if (vm->config.control) {
        /* Direct-mapped: only the window is known to be nothing else. */
        if (!inside(req->regs_ipa, PAGE_SIZE, SEPTUM_SHM_WINDOW_BASE, REGS_END) ||
            !inside(req->ipa, size, REGS_END, WINDOW_END))
            return refuse(vm, req, -EINVAL, "outside the control domain's shm window");
        if (atomic_load(&vm->shm.window[(req->regs_ipa - SEPTUM_SHM_WINDOW_BASE) / PAGE_SIZE]))
            return refuse(vm, req, -EINVAL, "registers overlap another region's");
        if (!range_free_in(vm, req->ipa, size))
            return refuse(vm, req, -EINVAL, "region overlaps another mapping");
    } else if (!range_free_in(vm, req->ipa, size) || !range_free_in(vm, req->regs_ipa, PAGE_SIZE)) {
        return refuse(vm, req, -EINVAL, "overlaps the domain's RAM, devices or regions");
    }
    return 0;
}

/* A reference on a region that still has peers: one whose last peer is
 * leaving (without the lock) is as good as gone. */
static bool region_join(struct shm_region *r)
{
    unsigned refs = atomic_load(&r->refs);

    do {
        if (refs == 0)
            return false;
    } while (!atomic_compare_exchange_weak(&r->refs, &refs, refs + 1));
    return true;
}

/* The region with this name, joined (a reference taken); NULL if none. */
static struct shm_region *join_region(const char *name)
{
    for (unsigned i = 0; i < SEPTUM_SHM_MAX_REGIONS; i++) {
        struct shm_region *r = &regions[i];

        if (atomic_load(&r->state) != SHM_FREE && strncmp(r->name, name, SEPTUM_NAME_MAX) == 0 &&
            region_join(r))
            return r;
    }
    return NULL;
}

static struct shm_region *new_region(const char *name)
{
    for (unsigned i = 0; i < SEPTUM_SHM_MAX_REGIONS; i++) {
        struct shm_region *r = &regions[i];

        if (atomic_load(&r->state) == SHM_FREE) {
            memcpy(r->name, name, SEPTUM_NAME_MAX);
            r->size = 0; /* no memory yet */
            atomic_store(&r->ids, 0);
            atomic_store(&r->refs, 1);
            atomic_store(&r->state, SHM_CREATING);
            return r;
        }
    }
    return NULL;
}

static struct shm_port *find_port(struct vm *vm, const char *name)
{
    for (unsigned i = 0; i < SHM_PORTS_MAX; i++) {
        struct shm_port *p = &vm->shm.port[i];

        if (p->region && strncmp(p->region->name, name, SEPTUM_NAME_MAX) == 0)
            return p;
    }
    return NULL;
}

/* Under table_lock: a free port, a reference on the region (a new one in
 * SHM_CREATING state if none has the name) and a peer id. */
static int reserve(struct vm *vm, const struct septum_shm_attach *req, struct shm_port **out,
                   bool *created)
{
    struct shm_port *port = NULL;
    struct shm_region *r;
    unsigned peer;

    if (find_port(vm, req->name))
        return refuse(vm, req, -EEXIST, "already attached");
    for (unsigned i = 0; i < SHM_PORTS_MAX && !port; i++) {
        if (!vm->shm.port[i].region)
            port = &vm->shm.port[i];
    }
    if (!port)
        return refuse(vm, req, -ENOSPC, "the domain has no free port");
    r = join_region(req->name);
    *created = !r;
    if (r) {
        int err = 0;

        if (atomic_load(&r->state) == SHM_CREATING)
            err = -EAGAIN; /* another attach is zeroing it: call again */
        else if (r->size != req->size)
            err = refuse(vm, req, -EINVAL, "size differs from the region's");
        else if (atomic_load(&r->ids) == (1u << SEPTUM_SHM_MAX_PEERS) - 1)
            err = refuse(vm, req, -ENOSPC, "too many peers");
        if (err) {
            region_put(r);
            return err;
        }
    } else {
        r = new_region(req->name);
        if (!r)
            return refuse(vm, req, -ENOSPC, "too many regions");
    }
    /* Ids are taken under the lock only: the one found stays free. */
    peer = (unsigned)__builtin_ctz(~atomic_load(&r->ids));
    atomic_fetch_or(&r->ids, 1u << peer);
    *port = (struct shm_port){.region = r,
                              .vm = vm,
                              .domid = vm->id,
                              .peer = peer,
                              .ipa = req->ipa,
                              .regs_ipa = req->regs_ipa,
                              .virq = req->virq};
    *out = port;
    return 0;
}

static int give_memory(struct vm *vm, const struct septum_shm_attach *req, struct shm_region *r)
{
    struct range_take take;
    /* One extent: the region is one physical range for every peer. */
    int err = guest_ram_alloc(req->size, PAGE_SIZE, 1, &take);

    if (err)
        return refuse(vm, req, err,
                      err == -ENOMEM ? "not enough free memory" : "free memory is too fragmented");
    r->pa = take.extents[0].base;
    r->size = req->size;
    return 0;
}

/* Under table_lock: map, make the registers reachable, publish. */
static int connect(struct vm *vm, const struct septum_shm_attach *req, struct shm_port *p)
{
    struct shm_region *r = p->region;
    int err = aspace_map_shared(&vm->aspace, p->ipa, r->pa, r->size);

    if (err)
        return refuse(vm, req, err, "cannot map the region");
    if (vm->config.control) {
        /* It runs: the new tables complete (the flush's DSB) before the
         * call returns and it can touch the region. */
        arch_flush_guest_tlb(vm);
        atomic_store_explicit(&vm->shm.window[(p->regs_ipa - SEPTUM_SHM_WINDOW_BASE) / PAGE_SIZE],
                              p, memory_order_release);
    } else {
        err = devmgr_register(&vm->devices, p->regs_ipa, PAGE_SIZE, port_handler, p, "shm");
        if (err) {
            aspace_unmap(&vm->aspace, p->ipa, r->size);
            return refuse(vm, req, err, "cannot place the registers");
        }
    }
    atomic_store_explicit(&r->peers[p->peer], p, memory_order_release);
    return 0;
}

int shm_attach(struct vm *vm, const struct septum_shm_attach *req)
{
    struct shm_port *port;
    bool created;
    int err;

    if (!name_valid(req->name))
        return -EINVAL;
    if (!vm->config.control && atomic_load(&vm->state) != VM_CREATED)
        return -EBUSY;
    spin_lock(&table_lock);
    err = check_request(vm, req);
    if (!err)
        err = reserve(vm, req, &port, &created);
    spin_unlock(&table_lock);
    if (err)
        return err;
    /* A new region's memory is zeroed outside the lock; attaching the same
     * name meanwhile answers -EAGAIN. */
    if (created)
        err = give_memory(vm, req, port->region);
    spin_lock(&table_lock);
    if (!err)
        err = connect(vm, req, port);
    if (created && !err)
        atomic_store(&port->region->state, SHM_LIVE);
    if (err)
        port_leave(port); /* nothing half-attached: a new region goes too */
    spin_unlock(&table_lock);
    if (err)
        return err;
    log_printf("d%u (%s): shm %s peer %u, %llu KiB at IPA 0x%llx, registers 0x%llx, SPI %u", vm->id,
               vm->config.name, port->region->name, port->peer,
               (unsigned long long)(port->region->size >> 10), (unsigned long long)port->ipa,
               (unsigned long long)port->regs_ipa, port->virq);
    return (int)port->peer;
}

int shm_detach(struct vm *vm, const char *name)
{
    struct shm_port *p;
    int err = 0;

    if (!vm->config.control && atomic_load(&vm->state) != VM_CREATED)
        return -EBUSY;
    spin_lock(&table_lock);
    p = name_valid(name) ? find_port(vm, name) : NULL;
    if (!p) {
        err = -ENOENT;
    } else {
        aspace_unmap(&vm->aspace, p->ipa, p->region->size);
        if (vm->config.control)
            atomic_store(&vm->shm.window[(p->regs_ipa - SEPTUM_SHM_WINDOW_BASE) / PAGE_SIZE], NULL);
        else
            err = devmgr_unregister(&vm->devices, p->regs_ipa);
        arch_flush_guest_tlb(vm);
        port_leave(p);
    }
    spin_unlock(&table_lock);
    return err;
}

unsigned shm_resources(const struct vm *vm, struct septum_resource *out, unsigned cap)
{
    unsigned n = 0;

    for (unsigned i = 0; i < SHM_PORTS_MAX; i++) {
        const struct shm_port *p = &vm->shm.port[i];
        const struct shm_region *r = p->region;

        if (!r || !atomic_load(&r->peers[p->peer]))
            continue; /* free, or still attaching */
        if (n < cap) {
            out[n] = (struct septum_resource){.kind = SEPTUM_RESOURCE_SHM,
                                              .pa = r->pa,
                                              .ipa = p->ipa,
                                              .size = r->size,
                                              .virq = p->virq,
                                              .count = atomic_load(&p->rings),
                                              .regs_ipa = p->regs_ipa,
                                              .peer = p->peer};
            memcpy(out[n].name, r->name, SEPTUM_NAME_MAX);
        }
        n++;
    }
    return n;
}

unsigned shm_regions_in_use(void)
{
    unsigned n = 0;

    for (unsigned i = 0; i < SEPTUM_SHM_MAX_REGIONS; i++)
        n += atomic_load(&regions[i].state) != SHM_FREE;
    return n;
}
