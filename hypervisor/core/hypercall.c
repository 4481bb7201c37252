/* Septum's hypercalls: one switch, one function per operation, negative
 * errno returns. Every buffer is checked against the caller's RAM before it
 * is touched, and every structure is copied in before it is checked, so a
 * caller changing memory under the hypervisor's feet changes nothing. */
#include <public/septum.h>
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/guest_ram.h>
#include <septum/hal.h>
#include <septum/hypercall.h>
#include <septum/log.h>
#include <septum/passthrough.h>
#include <septum/pcpu.h>
#include <septum/shm.h>
#include <septum/string.h>
#include <septum/vm.h>

_Static_assert(SEPTUM_NAME_MAX == DOMAIN_NAME_MAX, "public and internal name sizes");
_Static_assert(SEPTUM_CMDLINE_MAX == CMDLINE_MAX, "public and internal command lines");
_Static_assert(SEPTUM_MAX_VCPUS == MAX_VCPUS, "public and internal vCPU limits");
_Static_assert(SEPTUM_EXIT_CAUSES == EXIT_CAUSES, "exit causes");
_Static_assert(SEPTUM_STATE_CRASHED == VM_CRASHED, "domain states");
_Static_assert(SEPTUM_ACTION_PRESERVE == ACTION_PRESERVE, "domain actions");
_Static_assert(SEPTUM_GUEST_DTB_SIZE == GUEST_DTB_MAX, "guest DTB area");
_Static_assert(SEPTUM_BOOT_SEGMENTS_MAX == BOOT_SEGMENTS_MAX, "boot segments");
_Static_assert(SEPTUM_MAX_RAM_EXTENTS == ASPACE_MAX_RAM, "RAM extents per domain");

static bool is_control(const struct vcpu *caller)
{
    return caller->vm->config.control;
}

/* A buffer in the caller's RAM, as pointers to its pieces: one per RAM
 * extent it spans, so that a buffer across an extent edge works. */
struct caller_buf {
    unsigned n;
    struct {
        char *ptr;
        uint64_t len;
    } pieces[ASPACE_MAX_RAM];
};

static int caller_pieces(const struct vcpu *caller, uint64_t ipa, uint64_t len,
                         struct caller_buf *b)
{
    const struct aspace *as = &caller->vm->aspace;

    if (len == 0)
        return -EINVAL;
    if (len > SEPTUM_BUFFER_MAX)
        return -E2BIG;
    if (!aspace_is_ram(as, ipa, len))
        return -EFAULT;
    /* Each piece but the last ends an extent: at most ASPACE_MAX_RAM. */
    for (b->n = 0; len; b->n++) {
        paddr_t pa;
        uint64_t piece;

        if (aspace_piece(as, ipa, len, &pa, &piece))
            return -EFAULT; /* not after aspace_is_ram(); says so to the compiler */
        b->pieces[b->n].ptr = hal_phys_to_virt(pa);
        b->pieces[b->n].len = piece;
        ipa += piece;
        len -= piece;
    }
    return 0;
}

/* A pointer to [ipa, ipa + len) of the caller's RAM, for the calls only the
 * control domain makes: its RAM is one extent (direct-mapped), so this
 * fails (-EFAULT) only for a buffer that is not all its RAM. */
static int caller_buffer(const struct vcpu *caller, uint64_t ipa, uint64_t len, void **ptr)
{
    struct caller_buf b;
    int err = caller_pieces(caller, ipa, len, &b);

    if (!err && b.n != 1)
        err = -EFAULT;
    if (!err)
        *ptr = b.pieces[0].ptr;
    return err;
}

static int copy_in(const struct vcpu *caller, void *dst, uint64_t ipa, uint64_t len, uint64_t size)
{
    struct caller_buf b;
    char *to = dst;
    int err;

    if (len < size)
        return -EINVAL;
    err = caller_pieces(caller, ipa, size, &b);
    for (unsigned i = 0; !err && i < b.n; to += b.pieces[i++].len)
        memcpy(to, b.pieces[i].ptr, b.pieces[i].len);
    return err;
}

static int copy_out(const struct vcpu *caller, uint64_t ipa, uint64_t len, const void *src,
                    uint64_t size)
{
    struct caller_buf b;
    const char *from = src;
    int err;

    if (len < size)
        return -ENOSPC;
    err = caller_pieces(caller, ipa, size, &b);
    for (unsigned i = 0; !err && i < b.n; from += b.pieces[i++].len)
        memcpy(b.pieces[i].ptr, from, b.pieces[i].len);
    return err;
}

/* A structure that grows with minor ABI versions: callers built for 1.0
 * pass its 1.0 length and get the fields that version had. */
static int copy_out_versioned(const struct vcpu *caller, uint64_t ipa, uint64_t len,
                              const void *src, uint64_t size, uint64_t size_1_0)
{
    if (len < size_1_0)
        return -ENOSPC;
    return copy_out(caller, ipa, len, src, len < size ? len : size);
}

/* The domain a call names, with a reference the call gives back with
 * vm_put(): it cannot be released under the call, and no lock is held.
 * Any domain may name itself; only the control domain may name others (or
 * manage anything, `manage`). */
static int target(const struct vcpu *caller, uint64_t domid, bool manage, struct vm **out)
{
    struct vm *vm;

    if (domid == SEPTUM_DOMID_SELF)
        domid = caller->vm->id;
    if ((manage || domid != caller->vm->id) && !is_control(caller))
        return -EPERM;
    if (domid >= DOMID_FIRST_RESERVED || !(vm = vm_get((unsigned)domid)))
        return -ESRCH;
    if (manage && vm == caller->vm) {
        vm_put(vm);
        return -EINVAL; /* the control domain does not manage itself */
    }
    *out = vm;
    return 0;
}

static uint64_t cpu_time(const struct vm *vm)
{
    uint64_t total = 0;

    for (unsigned i = 0; i < vm->config.nr_vcpus; i++)
        total += vcpu_time_ns(&vm->vcpus[i]);
    return total;
}

static void fill_info(const struct vm *vm, struct septum_domain_info *info)
{
    *info = (struct septum_domain_info){
        .domid = vm->id,
        .state = (sp_u32)atomic_load(&vm->state),
        .mem_size = vm->config.mem_size,
        .nr_vcpus = vm->config.nr_vcpus,
        .restarts = vm->restarts,
        .cpu_time_ns = cpu_time(vm),
        .created_ns = vm->created_ns,
    };
    memcpy(info->name, vm->config.name, sizeof(info->name));
    memcpy(info->crash_reason, vm->crash_reason, sizeof(info->crash_reason));
}

static int64_t hc_physinfo(const struct vcpu *caller, const uint64_t *a)
{
    struct septum_physinfo info = {
        .abi_version = SEPTUM_ABI_VERSION,
        .nr_pcpus = hal_nr_pcpus(),
        .mem_total = hal_ram_total(),
        .mem_free = guest_ram_free_bytes(),
        .uptime_ns = hal_time_ns(),
        .max_domains = MAX_DOMAINS,
        .mem_largest_free = guest_ram_largest_free(),
    };

    /* Who owns which pCPU is the control domain's business only. */
    if (!is_control(caller))
        return -EPERM;
    for (struct vm *vm = vm_get_next(-1); vm; vm = vm_get_after(vm))
        info.nr_domains++;
    for (unsigned p = 0; p < SEPTUM_MAX_PCPUS; p++) {
        struct vcpu *owner = pcpu_owner(p);

        info.pcpu_owner[p] = owner ? owner->vm->id : SEPTUM_PCPU_FREE;
        info.pcpu_vcpu[p] = owner ? owner->id : 0;
    }
    return copy_out_versioned(caller, a[0], a[1], &info, sizeof(info), SEPTUM_PHYSINFO_SIZE_1_0);
}

static int config_from_public(const struct septum_domain_config *p, struct domain_config *c)
{
    if ((p->flags & ~SEPTUM_DOMAIN_FLAGS_KNOWN) || p->pad || p->nr_vcpus == 0 ||
        p->nr_vcpus > MAX_VCPUS || p->on_poweroff > SEPTUM_ACTION_PRESERVE ||
        p->on_reboot > SEPTUM_ACTION_PRESERVE || p->on_crash > SEPTUM_ACTION_PRESERVE ||
        strnlen(p->name, sizeof(p->name)) == sizeof(p->name) ||
        strnlen(p->cmdline, sizeof(p->cmdline)) == sizeof(p->cmdline))
        return -EINVAL;
    *c = (struct domain_config){
        .nr_vcpus = p->nr_vcpus,
        .mem_size = p->mem_size,
        .on_poweroff = (enum domain_action)p->on_poweroff,
        .on_reboot = (enum domain_action)p->on_reboot,
        .on_crash = (enum domain_action)p->on_crash,
        .zero_on_own_pcpu = true,
        .direct_map = (p->flags & SEPTUM_DOMAIN_DIRECT_MAP) != 0,
        .native_wfi = (p->flags & SEPTUM_DOMAIN_NATIVE_WFI) != 0,
    };
    memcpy(c->name, p->name, sizeof(c->name));
    memcpy(c->cmdline, p->cmdline, sizeof(c->cmdline));
    for (unsigned i = 0; i < p->nr_vcpus; i++)
        c->pcpu[i] = p->pcpus[i];
    return 0;
}

static int64_t hc_domain_create(const struct vcpu *caller, const uint64_t *a)
{
    struct septum_domain_config pub;
    struct domain_config config;
    struct vm *vm;
    int err;

    if (!is_control(caller))
        return -EPERM;
    err = copy_in(caller, &pub, a[0], a[1], sizeof(pub));
    if (!err)
        err = config_from_public(&pub, &config);
    if (!err)
        err = vm_create(&config, &vm);
    if (err)
        return err;
    log_printf("d%u (%s) created by the control domain", vm->id, vm->config.name);
    return vm->id;
}

static int64_t hc_domain_load(const struct vcpu *caller, const uint64_t *a)
{
    struct vm *vm;
    void *src;
    int err = target(caller, a[0], true, &vm);
    int state;

    if (err)
        return err;
    err = caller_buffer(caller, a[2], a[3], &src);
    if (!err && !vm_ram_ready(vm))
        err = -EAGAIN; /* its own pCPU is still zeroing its RAM */
    state = atomic_load(&vm->state);
    if (!err && state == VM_CREATED)
        err = boot_image_load(vm, a[1], hal_virt_to_phys(src), a[3]);
    else if (!err && state == VM_PAUSED)
        err = aspace_copy_to_guest(&vm->aspace, a[1], src, a[3]);
    else if (!err)
        err = -EBUSY;
    vm_put(vm);
    return err;
}

static int64_t hc_domain_set_boot(const struct vcpu *caller, const uint64_t *a)
{
    struct vm *vm;
    int err = target(caller, a[0], true, &vm);

    if (err)
        return err;
    if (atomic_load(&vm->state) != VM_CREATED)
        err = -EBUSY;
    else if (!vm_ram_ready(vm))
        err = -EAGAIN;
    if (!err)
        err = boot_image_set_boot(vm, a[1], a[2]);
    if (!err)
        err = boot_image_finish(vm);
    vm_put(vm);
    return err;
}

static int64_t hc_domain_start(const struct vcpu *caller, const uint64_t *a)
{
    struct vm *vm;
    int err = target(caller, a[0], true, &vm);

    if (err)
        return err;
    err = !vm_ram_ready(vm) ? -EAGAIN : vm->boot.entry ? vm_start(vm) : -ENOEXEC;
    vm_put(vm);
    return err;
}

/* Synchronous, as xl pause: 0 only once no vCPU of the domain is in the
 * guest. Until its vCPUs have taken the kick, -EAGAIN (libseptum calls
 * again); the call on a domain that is already paused is that retry, so it
 * succeeds too. No wait here: the control domain's pCPU is never held on
 * another domain's behalf, and nothing is locked. */
static int pause_and_wait(struct vm *vm)
{
    int err = vm_pause(vm);

    if (err == -EBUSY && atomic_load(&vm->state) == VM_PAUSED)
        err = 0;
    if (!err && vm_vcpus_in_guest(vm))
        err = -EAGAIN;
    return err;
}

static int domain_simple(struct vm *vm, uint32_t fn, uint64_t arg)
{
    switch (fn) {
    case SEPTUM_HC_DOMAIN_PAUSE:
        return pause_and_wait(vm);
    case SEPTUM_HC_DOMAIN_UNPAUSE:
        return vm_unpause(vm);
    case SEPTUM_HC_DOMAIN_DESTROY:
        return vm_destroy(vm);
    default: /* SEPTUM_HC_DOMAIN_SHUTDOWN */
        switch (arg) {
        case SEPTUM_SHUTDOWN_POWEROFF:
            return vm_shutdown(vm, SHUTDOWN_POWEROFF);
        case SEPTUM_SHUTDOWN_REBOOT:
            return vm_shutdown(vm, SHUTDOWN_REBOOT);
        case SEPTUM_SHUTDOWN_REQUEST_POWEROFF:
        case SEPTUM_SHUTDOWN_REQUEST_REBOOT:
            return vm_request_stop(vm, arg == SEPTUM_SHUTDOWN_REQUEST_REBOOT);
        default:
            return -EINVAL;
        }
    }
}

static int64_t hc_domain_simple(const struct vcpu *caller, uint32_t fn, const uint64_t *a)
{
    struct vm *vm;
    int err = target(caller, a[0], true, &vm);

    if (err)
        return err;
    err = domain_simple(vm, fn, a[1]);
    vm_put(vm);
    return err;
}

static int64_t hc_domain_list(const struct vcpu *caller, const uint64_t *a)
{
    uint64_t room = a[1] / sizeof(struct septum_domain_info);
    struct septum_domain_info *out = NULL;
    int64_t count = 0;
    int err;

    if (!is_control(caller))
        return -EPERM;
    if (room > MAX_DOMAINS)
        room = MAX_DOMAINS;
    if (room) {
        err = caller_buffer(caller, a[0], room * sizeof(*out), (void **)&out);
        if (err)
            return err;
    }
    for (struct vm *vm = vm_get_next(-1); vm; vm = vm_get_after(vm), count++) {
        if ((uint64_t)count < room) {
            struct septum_domain_info info;

            fill_info(vm, &info);
            memcpy(&out[count], &info, sizeof(info));
        }
    }
    return count;
}

static int64_t hc_domain_info(const struct vcpu *caller, const uint64_t *a)
{
    struct septum_domain_info info;
    struct vm *vm;
    int err = target(caller, a[0], false, &vm);

    if (err)
        return err;
    fill_info(vm, &info);
    vm_put(vm);
    return copy_out(caller, a[1], a[2], &info, sizeof(info));
}

static int64_t hc_vcpu_info(const struct vcpu *caller, const uint64_t *a)
{
    struct septum_vcpu_info info[MAX_VCPUS];
    struct vm *vm;
    int err = target(caller, a[0], false, &vm);
    unsigned n, nr_vcpus;

    if (err)
        return err;
    n = nr_vcpus = vm->config.nr_vcpus;
    for (unsigned i = 0; i < n; i++) {
        const struct vcpu *v = &vm->vcpus[i];

        info[i] = (struct septum_vcpu_info){.vcpu = v->id,
                                            .pcpu = v->pcpu,
                                            .power = (sp_u32)atomic_load(&v->power),
                                            .time_ns = vcpu_time_ns(v)};
        memcpy(info[i].exits, v->exits, sizeof(info[i].exits));
    }
    vm_put(vm);
    if (a[2] / sizeof(info[0]) < n)
        n = (unsigned)(a[2] / sizeof(info[0]));
    err = n ? copy_out(caller, a[1], a[2], info, n * sizeof(info[0])) : 0;
    return err ? err : (int64_t)nr_vcpus;
}

static int64_t hc_console_read(const struct vcpu *caller, const uint64_t *a, uint64_t *res)
{
    struct caller_buf b;
    uint64_t total = 0, pos = a[3];
    struct vm *vm;
    int err = target(caller, a[0], false, &vm);

    if (err)
        return err;
    err = caller_pieces(caller, a[1], a[2], &b);
    for (unsigned i = 0; !err && i < b.n; i++) {
        size_t got = ring_read(&vm->console.ring, pos, b.pieces[i].ptr, b.pieces[i].len, &pos);

        total += got;
        if (got < b.pieces[i].len)
            break; /* nothing more to read */
    }
    if (!err)
        res[0] = pos;
    vm_put(vm);
    return err ? err : (int64_t)total;
}

/* Input for another domain's console, as much as its FIFO takes. */
static uint64_t input_to_domain(struct vm *vm, const struct caller_buf *b)
{
    uint64_t total = 0;

    for (unsigned i = 0; i < b->n; i++) {
        size_t took = arch_guest.uart_model->receive(vm, b->pieces[i].ptr, b->pieces[i].len);

        total += took;
        if (took < b->pieces[i].len)
            break;
    }
    return total;
}

/* The caller's own output goes to a slow shared UART: a bounded amount
 * per call. */
static uint64_t output_of_caller(struct vm *vm, const struct caller_buf *b)
{
    uint64_t total = 0;

    for (unsigned i = 0; i < b->n; i++) {
        for (uint64_t j = 0; j < b->pieces[i].len && total < SEPTUM_CONSOLE_WRITE_MAX; j++, total++)
            console_domain_putc(vm, b->pieces[i].ptr[j]);
    }
    return total;
}

static int64_t hc_console_write(const struct vcpu *caller, const uint64_t *a)
{
    struct caller_buf b;
    struct vm *vm;
    uint64_t n = 0;
    int err = target(caller, a[0], false, &vm);

    if (err)
        return err;
    err = caller_pieces(caller, a[1], a[2], &b);
    if (!err)
        n = vm != caller->vm ? input_to_domain(vm, &b) : output_of_caller(vm, &b);
    vm_put(vm);
    return err ? err : (int64_t)n;
}

static int64_t hc_log_read(const struct vcpu *caller, const uint64_t *a, uint64_t *res)
{
    void *buf;
    int err;

    if (!is_control(caller))
        return -EPERM;
    err = caller_buffer(caller, a[0], a[1], &buf);
    if (err)
        return err;
    return (int64_t)log_read(a[2], buf, a[1], &res[0]);
}

static int64_t hc_domain_stats(const struct vcpu *caller, const uint64_t *a)
{
    struct septum_domain_stats stats = {0};
    struct vm *vm;
    int err = target(caller, a[0], false, &vm);

    if (err)
        return err;
    /* Every HVC or trapped SMC is a call: the exit counters say how many. */
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++)
        stats.hypercalls += vm->vcpus[i].exits[EXIT_HVC] + vm->vcpus[i].exits[EXIT_SMC];
    stats.irqs_injected = vm_irqs_injected(vm);
    stats.console_bytes = vm->stats.console_bytes;
    for (unsigned i = 0; i < vm->devices.count && i < SEPTUM_MAX_DEVICES; i++) {
        const struct mmio_device *d = &vm->devices.devices[i];
        struct septum_device_stats *s = &stats.devices[stats.nr_devices++];
        struct mmio_counters c;

        devmgr_sum_counters(&vm->devices, i, &c);
        memcpy(s->name, d->name, strnlen(d->name, sizeof(s->name) - 1));
        s->base = d->base;
        s->size = d->size;
        s->reads = c.reads;
        s->writes = c.writes;
        s->irqs = c.irqs;
    }
    stats.mem_boot_copies = vm->boot.copied_bytes;
    stats.mem_hypervisor = vm->heap_bytes;
    stats.nr_ram_extents = vm->aspace.nr_ram;
    stats.flags = vm->config.direct_map ? SEPTUM_DOMAIN_DIRECT_MAP : 0;
    stats.flags |= vm->config.native_wfi ? SEPTUM_DOMAIN_NATIVE_WFI : 0;
    stats.ram_base = vm->ram_ipa;
    vm_put(vm);
    return copy_out_versioned(caller, a[1], a[2], &stats, sizeof(stats),
                              SEPTUM_DOMAIN_STATS_SIZE_1_0);
}

static int64_t hc_assign(const struct vcpu *caller, uint32_t fn, const uint64_t *a)
{
    struct vm *vm;
    int err = target(caller, a[0], true, &vm);

    if (err)
        return err;
    if (fn == SEPTUM_HC_ASSIGN_MMIO)
        err = pt_assign_mmio(vm, a[1], a[2], a[3], (uint32_t)a[4]);
    else if (a[1] > UINT32_MAX || a[2] > UINT32_MAX)
        err = -EINVAL;
    else
        err = pt_assign_irq(vm, (unsigned)a[1], (unsigned)a[2]);
    vm_put(vm);
    return err;
}

/* DOMAIN_RESOURCES copies each resource out as its kind reports it. */
struct resource_out {
    const struct vcpu *caller;
    uint64_t ipa, room; /* the caller's buffer, in resources */
    uint64_t count;
    int err;
};

static void put_resource(void *ctx, const struct septum_resource *r)
{
    struct resource_out *o = ctx;

    if (!o->err && o->count < o->room)
        o->err = copy_out(o->caller, o->ipa + o->count * sizeof(*r), sizeof(*r), r, sizeof(*r));
    o->count++;
}

/* The shared-memory regions the domain is a peer of. */
static unsigned shm_kind(struct vm *vm, resource_fn fn, void *ctx)
{
    struct septum_resource r[SHM_PORTS_MAX];
    unsigned n = shm_resources(vm, r, SHM_PORTS_MAX);

    for (unsigned i = 0; i < n && i < SHM_PORTS_MAX; i++)
        fn(ctx, &r[i]);
    return n;
}

static int64_t hc_domain_resources(const struct vcpu *caller, const uint64_t *a)
{
    /* One enumerator per kind of resource a domain can hold. */
    static unsigned (*const kinds[])(struct vm *, resource_fn, void *) = {
        pt_mmio_resources,
        pt_irq_resources,
        shm_kind,
    };
    struct resource_out o = {
        .caller = caller, .ipa = a[1], .room = a[2] / sizeof(struct septum_resource)};
    struct vm *vm;
    int err = target(caller, a[0], false, &vm);

    if (err)
        return err;
    for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        kinds[i](vm, put_resource, &o);
    vm_put(vm);
    return o.err ? o.err : (int64_t)o.count;
}

static int64_t hc_host_fdt(const struct vcpu *caller, const uint64_t *a, uint64_t *res)
{
    uint64_t size, n;
    const char *fdt = hal_host_fdt(&size);
    int err;

    if (!is_control(caller))
        return -EPERM;
    if (!fdt)
        return -ENODEV;
    res[0] = size;
    if (a[2] >= size || a[1] == 0)
        return 0; /* past the end, or asking for the size only */
    n = size - a[2] < a[1] ? size - a[2] : a[1];
    err = copy_out(caller, a[0], a[1], fdt + a[2], n);
    return err ? err : (int64_t)n;
}

/* The control domain names a created domain, or itself. */
static int shm_target(const struct vcpu *caller, uint64_t domid, struct vm **out)
{
    if (!is_control(caller))
        return -EPERM;
    return target(caller, domid, false, out);
}

/* SHM_ATTACH (returns the peer id) and SHM_DETACH (reads only the name). */
static int64_t hc_shm(const struct vcpu *caller, uint32_t fn, const uint64_t *a)
{
    struct septum_shm_attach req;
    struct vm *vm;
    int err = shm_target(caller, a[0], &vm);

    if (err)
        return err;
    err = copy_in(caller, &req, a[1], a[2], sizeof(req));
    if (!err)
        err = fn == SEPTUM_HC_SHM_ATTACH ? shm_attach(vm, &req) : shm_detach(vm, req.name);
    vm_put(vm);
    return err;
}

/* A range check, so that probing for calls costs no more than a null call. */
static inline bool implemented(uint64_t fn)
{
    return fn - SEPTUM_HC(0) < SEPTUM_HC_COUNT || fn == SEPTUM_HC_CALL_UID ||
           fn == SEPTUM_HC_REVISION;
}

/* No call holds a lock shared between domains: the domains a call looks at
 * are kept alive by references (target(), vm_get_next()), so the control
 * domain building or copying into one domain never holds up another's
 * crash or stop. */
static int64_t dispatch(struct vcpu *caller, uint32_t fn, const uint64_t *a, uint64_t *res)
{
    switch (fn) {
    case SEPTUM_HC_PHYSINFO:
        return hc_physinfo(caller, a);
    case SEPTUM_HC_DOMAIN_CREATE:
        return hc_domain_create(caller, a);
    case SEPTUM_HC_DOMAIN_LOAD:
        return hc_domain_load(caller, a);
    case SEPTUM_HC_DOMAIN_SET_BOOT:
        return hc_domain_set_boot(caller, a);
    case SEPTUM_HC_DOMAIN_START:
        return hc_domain_start(caller, a);
    case SEPTUM_HC_DOMAIN_PAUSE:
    case SEPTUM_HC_DOMAIN_UNPAUSE:
    case SEPTUM_HC_DOMAIN_SHUTDOWN:
    case SEPTUM_HC_DOMAIN_DESTROY:
        return hc_domain_simple(caller, fn, a);
    case SEPTUM_HC_DOMAIN_LIST:
        return hc_domain_list(caller, a);
    case SEPTUM_HC_DOMAIN_INFO:
        return hc_domain_info(caller, a);
    case SEPTUM_HC_VCPU_INFO:
        return hc_vcpu_info(caller, a);
    case SEPTUM_HC_CONSOLE_READ:
        return hc_console_read(caller, a, res);
    case SEPTUM_HC_CONSOLE_WRITE:
        return hc_console_write(caller, a);
    case SEPTUM_HC_LOG_READ:
        return hc_log_read(caller, a, res);
    case SEPTUM_HC_DOMAIN_STATS:
        return hc_domain_stats(caller, a);
    case SEPTUM_HC_SHM_ATTACH:
    case SEPTUM_HC_SHM_DETACH:
        return hc_shm(caller, fn, a);
    case SEPTUM_HC_ASSIGN_MMIO:
    case SEPTUM_HC_ASSIGN_IRQ:
        return hc_assign(caller, fn, a);
    case SEPTUM_HC_DOMAIN_RESOURCES:
        return hc_domain_resources(caller, a);
    case SEPTUM_HC_HOST_FDT:
        return hc_host_fdt(caller, a, res);
    default:
        return SMCCC_NOT_SUPPORTED;
    }
}

/* The calls that take buffers or look at domains: their arguments are
 * copied first, as the result registers may alias them. Never inlined: the
 * buffers' piece lists live in its frame, not in the fast calls' one. */
static __attribute__((noinline)) void dispatch_slow(struct vcpu *caller, uint32_t fn,
                                                    const uint64_t args[5], uint64_t ret[4])
{
    uint64_t a[5] = {args[0], args[1], args[2], args[3], args[4]};

    ret[1] = ret[2] = ret[3] = 0;
    ret[0] = (uint64_t)dispatch(caller, fn, a, &ret[1]);
}

/* The hypervisor service queries of SMCCC: the SMC32 calls of the range. */
static inline void service_query(uint32_t fn, uint64_t ret[4])
{
    switch (fn) {
    case SEPTUM_HC_CALL_UID:
        ret[0] = SEPTUM_UID_0;
        ret[1] = SEPTUM_UID_1;
        ret[2] = SEPTUM_UID_2;
        ret[3] = SEPTUM_UID_3;
        break;
    case SEPTUM_HC_REVISION:
        ret[0] = SEPTUM_ABI_MAJOR;
        ret[1] = SEPTUM_ABI_MINOR;
        break;
    default:
        ret[0] = (uint64_t)SMCCC_NOT_SUPPORTED;
        break;
    }
}

/* Inlined into the exit path (arch/arm64/smccc.c, arch/riscv64/vsbi.c):
 * the queries guests make in loops are answered there, and an unknown call
 * is refused there; only the calls that take buffers or look at domains
 * leave, as a tail call, for dispatch_slow, so that the fast ones need no
 * frame. Each fast call reads its arguments before it writes a result. */
inline __attribute__((always_inline)) void hypercall_call(struct vcpu *caller, uint32_t fn,
                                                          const uint64_t args[5], uint64_t ret[4])
{
    uint32_t nr = fn - SEPTUM_HC(0);

    if (!(fn & SMCCC_CALL_64)) {
        service_query(fn, ret);
        return;
    }
    /* Unknown calls first (probing costs no more than the null call),
     * then the null call (the version), the one probe every client makes. */
    if (nr >= SEPTUM_HC_COUNT)
        ret[0] = (uint64_t)SMCCC_NOT_SUPPORTED;
    else if (nr == SEPTUM_HC_VERSION - SEPTUM_HC(0))
        ret[0] = SEPTUM_ABI_VERSION;
    else if (nr == SEPTUM_HC_FEATURES - SEPTUM_HC(0))
        ret[0] = implemented(args[0]) ? 0 : (uint64_t)SMCCC_NOT_SUPPORTED;
    else if (nr == SEPTUM_HC_WHOAMI - SEPTUM_HC(0)) {
        ret[0] = caller->vm->id;
        ret[1] = caller->id;
    } else
        dispatch_slow(caller, fn, args, ret);
}

int64_t hypercall_dispatch(struct vcpu *caller, uint32_t fn, const uint64_t args[5],
                           uint64_t res[3])
{
    uint64_t ret[4] = {0, args[0], args[1], args[2]};

    hypercall_call(caller, fn, args, ret);
    res[0] = ret[1];
    res[1] = ret[2];
    res[2] = ret[3];
    return (int64_t)ret[0];
}
