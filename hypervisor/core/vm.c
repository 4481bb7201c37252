/* Domains: creation, the state machine, loading and stopping. */
#include <stdarg.h>
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/format.h>
#include <septum/boot_image.h>
#include <septum/guest_ram.h>
#include <septum/log.h>
#include <septum/passthrough.h>
#include <septum/pcpu.h>
#include <septum/string.h>
#include <septum/vm.h>

/* Carved out of the guest RAM pool at boot: the DTB and boot modules. */
#define BOOT_RESERVATIONS_MAX 64

/* Every free run of guest RAM but the last ends where something taken
 * begins: a domain's RAM extents, its boot copies, a boot reservation. */
_Static_assert(RANGE_POOL_MAX >=
                   MAX_DOMAINS * (ASPACE_MAX_RAM + BOOT_SEGMENTS_MAX) + BOOT_RESERVATIONS_MAX + 1,
               "the free-memory table holds every run there can be");
_Static_assert(ASPACE_MAX_RAM <= RANGE_TAKE_MAX, "one allocation yields a domain's RAM");

static struct vm vms[MAX_DOMAINS];
static void vm_try_finish(struct vm *vm);
static void vm_release(struct vm *vm);
/* Taken only to create a domain (pick a slot and an id): never on a
 * domain's exit, crash or stop path. */
static spinlock_t create_lock = SPINLOCK_INIT;
static _Atomic bool boot_complete;

const char *vm_state_name(int state)
{
    static const char *const names[] = {
        [VM_CREATED] = "created",     [VM_RUNNING] = "running",
        [VM_PAUSED] = "paused",       [VM_SHUTTING_DOWN] = "shutting-down",
        [VM_DESTROYED] = "destroyed", [VM_CRASHED] = "crashed",
    };

    if (state < 0 || state > VM_CRASHED)
        return "invalid";
    return names[state];
}

int vm_transition(struct vm *vm, enum vm_state from, enum vm_state to)
{
    int expected = (int)from;

    return atomic_compare_exchange_strong(&vm->state, &expected, (int)to) ? 0 : -EBUSY;
}

static bool state_is_live(int state)
{
    return state == VM_CREATED || state == VM_RUNNING || state == VM_PAUSED ||
           state == VM_SHUTTING_DOWN;
}

/* A reference on the slot's current domain, unless it has none left (it is
 * being released) or is no longer domain `id` once the reference is held. */
static struct vm *get_if(struct vm *vm, unsigned id)
{
    unsigned refs = atomic_load(&vm->refs);

    do {
        if (refs == 0)
            return NULL;
    } while (!atomic_compare_exchange_weak(&vm->refs, &refs, refs + 1));
    if (atomic_load(&vm->in_use) && vm->id == id && !atomic_load(&vm->dead))
        return vm;
    vm_put(vm);
    return NULL;
}

struct vm *vm_get_slot(struct vm *vm, unsigned id)
{
    return get_if(vm, id);
}

struct vm *vm_get(unsigned id)
{
    for (unsigned i = 0; i < MAX_DOMAINS; i++) {
        if (atomic_load(&vms[i].in_use) && vms[i].id == id) {
            struct vm *vm = get_if(&vms[i], id);

            if (vm)
                return vm;
        }
    }
    return NULL;
}

struct vm *vm_get_next(int after)
{
    for (;;) {
        struct vm *best = NULL, *vm;

        for (unsigned i = 0; i < MAX_DOMAINS; i++) {
            struct vm *v = &vms[i];

            if (atomic_load(&v->in_use) && !atomic_load(&v->dead) && (int)v->id > after &&
                (!best || v->id < best->id))
                best = v;
        }
        if (!best)
            return NULL;
        vm = get_if(best, best->id);
        if (vm)
            return vm;
        /* Still being built, or released since the scan: skip it. */
        after = (int)best->id;
    }
}

struct vm *vm_get_after(struct vm *vm)
{
    struct vm *next = vm_get_next((int)vm->id);

    vm_put(vm);
    return next;
}

void vm_put(struct vm *vm)
{
    if (atomic_fetch_sub(&vm->refs, 1) == 1)
        vm_release(vm);
}

/* The domain's own reference, held from creation until it is destroyed:
 * dropped exactly once, by whoever destroys it. */
static void drop_existence(struct vm *vm)
{
    bool alive = false;

    if (atomic_compare_exchange_strong(&vm->dead, &alive, true))
        vm_put(vm);
}

unsigned vm_count_live(void)
{
    unsigned n = 0;

    for (unsigned i = 0; i < MAX_DOMAINS; i++)
        n += atomic_load(&vms[i].in_use) && state_is_live(atomic_load(&vms[i].state));
    return n;
}

static int check_config(const struct domain_config *c)
{
    if (c->name[0] == '\0' || strnlen(c->name, DOMAIN_NAME_MAX) == DOMAIN_NAME_MAX)
        return -EINVAL;
    if (c->nr_vcpus == 0 || c->nr_vcpus > MAX_VCPUS)
        return -EINVAL;
    if (c->mem_size == 0 || c->mem_size % GUEST_RAM_BLOCK || c->mem_size > GUEST_RAM_MAX)
        return -EINVAL;
    if (c->ram_base % GUEST_RAM_BLOCK || c->ram_base + c->mem_size < c->ram_base)
        return -EINVAL;
    if (strnlen(c->cmdline, CMDLINE_MAX) == CMDLINE_MAX)
        return -EINVAL;
    for (unsigned i = 0; i < c->nr_vcpus; i++) {
        if (c->pcpu[i] >= hal_nr_pcpus())
            return -EINVAL;
        for (unsigned j = 0; j < i; j++) {
            if (c->pcpu[i] == c->pcpu[j])
                return -EINVAL;
        }
    }
    return 0;
}

static bool id_taken(unsigned id)
{
    for (unsigned i = 0; i < MAX_DOMAINS; i++) {
        if (atomic_load(&vms[i].in_use) && vms[i].id == id)
            return true;
    }
    return false;
}

/* Ids, as Xen's, come from a 15-bit space below the reserved values
 * (SEPTUM_DOMID_SELF and up): handed out in increasing order, so that a
 * name in an old log line does not point at a newer domain for a very
 * long time, and reused only after the counter wraps, skipping any id a
 * domain still holds. The caller holds create_lock. */
static unsigned next_id = 1;

static unsigned next_free_id(void)
{
    for (;;) {
        unsigned id = next_id;

        next_id = next_id + 1 >= DOMID_FIRST_RESERVED ? 1 : next_id + 1;
        if (!id_taken(id))
            return id; /* found within MAX_DOMAINS + 1 tries */
    }
}

void vm_set_next_id(unsigned id)
{
    spin_lock(&create_lock);
    next_id = id > 0 && id < DOMID_FIRST_RESERVED ? id : 1;
    spin_unlock(&create_lock);
}

/* Takes a free slot. The control domain is domain 0; the others get ids
 * from next_free_id(). The slot has no reference until vm_create() has
 * built the domain: until then nobody can look it up. */
static struct vm *vm_alloc(bool control)
{
    struct vm *vm = NULL;

    spin_lock(&create_lock);
    if (control && id_taken(0))
        goto out; /* there is one control domain */
    for (unsigned i = 0; i < MAX_DOMAINS && !vm; i++) {
        if (!atomic_load(&vms[i].in_use))
            vm = &vms[i];
    }
    if (!vm)
        goto out;
    *vm = (struct vm){
        .id = control ? 0 : next_free_id(), .vmid = (unsigned)(vm - vms), .lock = SPINLOCK_INIT};
    atomic_store(&vm->state, VM_CREATED);
    atomic_store(&vm->in_use, true);
out:
    spin_unlock(&create_lock);
    return vm;
}

/* Gives back everything vm_create() took; safe on a half-built domain.
 * Runs once, when the last reference goes, outside any shared lock:
 * scrubbing the domain's memory is the releaser's time only. */
static void vm_release(struct vm *vm)
{
    /* Devices first: one still doing DMA must stop before the memory it
     * writes is anyone else's. */
    pt_release_irqs(vm);
    pt_release_mmio(vm);
    shm_domain_release(vm);
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++)
        pcpu_release(vm->vcpus[i].pcpu, &vm->vcpus[i]);
    arch_vm_release(vm);
    devmgr_release(&vm->devices);
    if (vm->aspace.s2.root)
        arch_flush_guest_tlb(vm);
    for (unsigned i = 0; i < vm->aspace.nr_ram; i++)
        guest_ram_free(vm->aspace.ram[i].pa, vm->aspace.ram[i].size);
    aspace_release(&vm->aspace);
    boot_image_release(vm);
    atomic_store(&vm->state, VM_DESTROYED);
    atomic_store(&vm->in_use, false); /* last: the slot may be taken again */
}

/* Says once, where it is known, why a domain got no RAM. */
static void explain_ram_failure(const struct vm *vm, int err)
{
    const struct domain_config *c = &vm->config;
    unsigned long long asked = c->mem_size >> 20, free_mib = guest_ram_free_bytes() >> 20;

    if (c->ram_base)
        return; /* take_static_ram() said why */
    if (err == -ENOMEM)
        log_printf("%s: not enough memory: %llu MiB asked, %llu MiB free", c->name, asked,
                   free_mib);
    else if (c->direct_map)
        log_printf("%s: a direct-mapped domain needs its %llu MiB in one extent; the largest "
                   "free extent is %llu MiB",
                   c->name, asked, (unsigned long long)(guest_ram_largest_free() >> 20));
    else if (err == -ENOBUFS)
        log_printf("%s: %llu MiB asked, %llu MiB free but in more than %u pieces", c->name, asked,
                   free_mib, ASPACE_MAX_RAM);
}

/* The RAM the boot loader placed a domain in, zeroed but for the modules
 * it placed there for the domain to boot from. */
static int take_static_ram(const struct domain_config *c, struct range_take *take)
{
    const struct boot_module *mods[2] = {&c->kernel, &c->ramdisk};
    struct range keep[2];
    unsigned n = 0;
    int err = guest_ram_take_at(c->ram_base, c->mem_size, take);

    if (err) {
        log_printf("%s: its RAM at 0x%llx (%llu MiB) is not free", c->name,
                   (unsigned long long)c->ram_base, (unsigned long long)(c->mem_size >> 20));
        return err;
    }
    if (mods[1]->pa < mods[0]->pa) {
        mods[0] = &c->ramdisk;
        mods[1] = &c->kernel;
    }
    for (unsigned i = 0; i < 2; i++) {
        if (boot_module_in_place(c, mods[i]))
            keep[n++] = (struct range){.base = mods[i]->pa, .size = mods[i]->size};
    }
    guest_ram_zero(take, keep, n);
    return 0;
}

/* The domain's RAM: one extent seen at its own address for a direct-mapped
 * domain, else up to ASPACE_MAX_RAM extents mapped one after the other
 * from arch_guest.ram_base. Mapped extents are recorded in the address space,
 * where vm_release() finds them; one that could not be mapped is freed
 * here. */
static int map_ram(struct vm *vm)
{
    const struct domain_config *c = &vm->config;
    struct range_take take;
    uint64_t ipa;
    /* Zeroed now, by the creator, unless the domain's own pCPU is to do it. */
    bool defer = !c->direct_map && c->zero_on_own_pcpu;
    int err;

    if (c->ram_base)
        err = take_static_ram(c, &take);
    else if (c->direct_map)
        err = guest_ram_alloc(c->mem_size, GUEST_RAM_BLOCK, 1, &take);
    else if (defer)
        err = guest_ram_take(c->mem_size, PAGE_SIZE, ASPACE_MAX_RAM, &take);
    else
        err = guest_ram_alloc(c->mem_size, PAGE_SIZE, ASPACE_MAX_RAM, &take);
    if (err) {
        explain_ram_failure(vm, err);
        return err;
    }
    if (defer) {
        vm->nr_to_zero = take.nr_to_zero;
        memcpy(vm->to_zero, take.to_zero, sizeof(take.to_zero[0]) * take.nr_to_zero);
    }
    vm->ram_ipa = ipa = c->direct_map ? take.extents[0].base : arch_guest.ram_base;
    for (unsigned i = 0; i < take.nr_extents; i++) {
        const struct range *e = &take.extents[i];

        if (!err)
            err = aspace_map_ram(&vm->aspace, ipa, e->base, e->size);
        if (err)
            guest_ram_free(e->base, e->size);
        ipa += e->size;
    }
    return err;
}

int vm_create(const struct domain_config *config, struct vm **out)
{
    uint64_t heap_before;
    struct vm *vm;
    int err = check_config(config);

    if (err)
        return err;
    heap_before = hal_heap_free_bytes();
    vm = vm_alloc(config->control);
    if (!vm)
        return config->control ? -EEXIST : -ENOSPC;
    vm->config = *config;
    vm->config.direct_map |= config->control; /* its drivers hand out physical addresses */
    vm->created_ns = hal_time_ns();
    console_init(vm);
    for (unsigned i = 0; i < config->nr_vcpus; i++) {
        struct vcpu *v = &vm->vcpus[i];

        v->vm = vm;
        v->id = i;
        v->pcpu = config->pcpu[i];
        err = pcpu_claim(v->pcpu, v);
        if (err) {
            log_printf("%s: pCPU %u is not free", config->name, v->pcpu);
            vm->config.nr_vcpus = i; /* release only what was claimed */
            goto fail;
        }
    }
    err = aspace_init(&vm->aspace, vm->vmid);
    if (!err)
        err = map_ram(vm);
    if (!err)
        err = devmgr_init(&vm->devices, arch_vm_device_count(vm) + 1 /* UART */ + !config->control +
                                            shm_device_count(vm) + PT_MAX_WINDOWS);
    if (!err)
        err = arch_vm_init(vm);
    if (!err)
        err = arch_guest.uart_model->init(vm);
    if (!err && !config->control)
        err = power_keys_init(vm); /* the control domain is not asked to stop */
    if (!err)
        err = shm_domain_init(vm);
    if (err)
        goto fail;
    vm->heap_bytes = heap_before - hal_heap_free_bytes();
    log_printf("d%u (%s): %llu KiB of hypervisor memory (tables, devices)", vm->id, config->name,
               (unsigned long long)(vm->heap_bytes >> 10));
    atomic_store(&vm->ram_ready, vm->nr_to_zero == 0);
    atomic_store(&vm->refs, 1); /* the domain's own: from now on others can find it */
    if (vm->nr_to_zero)
        hal_kick_pcpu(vm->vcpus[0].pcpu); /* its pCPU zeroes its RAM */
    *out = vm;
    return 0;
fail:
    vm_release(vm); /* never visible: whatever id it got, nothing of it stays */
    return err;
}

int vm_load(struct vm *vm)
{
    int err;

    if (atomic_load(&vm->state) != VM_CREATED)
        return -EBUSY;
    err = boot_image_from_modules(vm);
    return err ? err : boot_image_replay(vm);
}

void vm_zero_pending(struct vm *vm)
{
    /* Held while zeroing: a destroy meanwhile releases the domain only
     * once this stops, which it does at the next block. */
    struct vm *ref = get_if(vm, vm->id);

    if (!ref)
        return;
    for (unsigned i = 0; i < vm->nr_to_zero && !atomic_load(&vm->dead); i++) {
        const struct range *r = &vm->to_zero[i];

        for (uint64_t done = 0; done < r->size && !atomic_load(&vm->dead);
             done += GUEST_RAM_BLOCK) {
            uint64_t left = r->size - done;

            hal_zero_for_guest(r->base + done, left < GUEST_RAM_BLOCK ? left : GUEST_RAM_BLOCK);
        }
    }
    if (!atomic_load(&vm->dead)) {
        vm->nr_to_zero = 0;
        atomic_store_explicit(&vm->ram_ready, true, memory_order_release);
    }
    vm_put(ref);
}

/* Marks a vCPU to be started on its pCPU; the caller holds vm->lock. */
static int vcpu_start_locked(struct vcpu *vcpu, uint64_t entry, uint64_t arg)
{
    if (atomic_load(&vcpu->power) != VCPU_OFF)
        return -EBUSY;
    vcpu->entry = entry;
    vcpu->entry_arg = arg;
    atomic_fetch_add(&vcpu->vm->active_vcpus, 1);
    atomic_store(&vcpu->off_requested, false);
    atomic_store(&vcpu->power, VCPU_ON_PENDING);
    return 0;
}

void vcpu_kick(struct vcpu *vcpu)
{
    atomic_store_explicit(&vcpu->attention, true, memory_order_release);
    hal_kick_pcpu(vcpu->pcpu);
}

static void kick_all(struct vm *vm)
{
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++)
        vcpu_kick(&vm->vcpus[i]);
}

int vm_start(struct vm *vm)
{
    struct vcpu *boot = &vm->vcpus[0];
    int err = vm_transition(vm, VM_CREATED, VM_RUNNING);

    if (err)
        return err;
    spin_lock(&vm->lock);
    err = vcpu_start_locked(boot, boot->entry, boot->entry_arg);
    spin_unlock(&vm->lock);
    vcpu_kick(boot);
    return err;
}

int vm_pause(struct vm *vm)
{
    int err = vm_transition(vm, VM_RUNNING, VM_PAUSED);

    if (!err)
        kick_all(vm);
    return err;
}

bool vm_vcpus_in_guest(const struct vm *vm)
{
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        if (atomic_load(&vm->vcpus[i].in_guest))
            return true;
    }
    return false;
}

int vm_unpause(struct vm *vm)
{
    int err = vm_transition(vm, VM_PAUSED, VM_RUNNING);

    if (!err)
        kick_all(vm);
    return err;
}

int vm_shutdown(struct vm *vm, enum shutdown_reason reason)
{
    int err;

    /* The reason and the state change together, under the domain's own
     * lock, so whoever finishes the stop sees the reason that won. */
    spin_lock(&vm->lock);
    err = vm_transition(vm, VM_RUNNING, VM_SHUTTING_DOWN);
    if (err)
        err = vm_transition(vm, VM_PAUSED, VM_SHUTTING_DOWN);
    if (!err)
        atomic_store(&vm->shutdown_reason, reason);
    spin_unlock(&vm->lock);
    if (!err) {
        kick_all(vm);
        vm_try_finish(vm); /* no vCPU may be left to do it */
    }
    return err;
}

void vm_guest_shutdown(struct vm *vm, bool reboot)
{
    if (vm->config.control) {
        log_printf("the control domain %s the machine", reboot ? "resets" : "powers off");
        if (reboot)
            hal_system_reset();
        hal_system_off();
    }
    vm_shutdown(vm, reboot ? SHUTDOWN_REBOOT : SHUTDOWN_POWEROFF);
}

int vm_request_stop(struct vm *vm, bool reboot)
{
    if (vm->config.control || atomic_load(&vm->state) != VM_RUNNING)
        return -EBUSY;
    power_keys_request(vm, reboot);
    log_printf("d%u (%s): asked to %s", vm->id, vm->config.name, reboot ? "reboot" : "power off");
    return 0;
}

void vm_crash(struct vm *vm, const char *fmt, ...)
{
    int state = atomic_load(&vm->state);
    va_list ap;

    do {
        if (!state_is_live(state))
            return; /* already stopped: the first reason stands */
    } while (!atomic_compare_exchange_weak(&vm->state, &state, VM_CRASHED));
    /* Only the winner of the exchange writes the reason. */
    va_start(ap, fmt);
    vsnprintf(vm->crash_reason, sizeof(vm->crash_reason), fmt, ap);
    va_end(ap);
    log_printf("d%u (%s) crashed: %s", vm->id, vm->config.name, vm->crash_reason);
    kick_all(vm);
    vm_try_finish(vm);
}

/* The caller holds a reference, or created the domain. */
int vm_destroy(struct vm *vm)
{
    bool release_now = false;
    int state;

    if (!atomic_load(&vm->in_use))
        return -ESRCH;
    spin_lock(&vm->lock);
    state = atomic_load(&vm->state);
    if (state == VM_DESTROYED || atomic_load(&vm->dead)) {
        spin_unlock(&vm->lock);
        return -ESRCH;
    }
    if (vm_transition(vm, VM_CREATED, VM_DESTROYED) == 0 ||
        (vm->stop_finished && vm_transition(vm, state, VM_DESTROYED) == 0))
        release_now = true; /* nothing runs, nothing can start it now */
    else
        vm->destroy_requested = true; /* the stop under way ends in a destroy */
    spin_unlock(&vm->lock);
    if (release_now)
        drop_existence(vm);
    else if ((state != VM_RUNNING && state != VM_PAUSED) || vm_shutdown(vm, SHUTDOWN_DESTROY))
        vm_try_finish(vm); /* already stopping, or a stop won the race */
    return 0;
}

/* Starts a stopped domain again from its original image. Runs on the pCPU
 * that finished the stop, outside any shared lock, with a reference held:
 * a destroy meanwhile marks the domain destroyed and this gives up. */
static void vm_restart(struct vm *vm)
{
    bool restartable;
    int state, err;

    arch_flush_guest_tlb(vm);
    pt_reset_dma(vm); /* no device writes into the memory being scrubbed */
    aspace_scrub(&vm->aspace);
    arch_vm_reset(vm);
    arch_guest.uart_model->reset(vm);
    if (!vm->config.control)
        power_keys_reset(vm);
    devmgr_reset_counters(&vm->devices);
    vm->restarts++;
    vm->crash_reason[0] = '\0';
    spin_lock(&vm->lock);
    state = atomic_load(&vm->state);
    restartable = state != VM_DESTROYED && vm_transition(vm, state, VM_CREATED) == 0;
    if (restartable)
        vm->stop_finished = false;
    spin_unlock(&vm->lock);
    if (!restartable)
        return;
    /* Its modules were in its RAM, which it has used since: gone. */
    err = vm->boot.in_place ? -ENOEXEC : boot_image_replay(vm);
    if (!err)
        err = vm_start(vm);
    if (!err) {
        log_printf("d%u (%s) restarted", vm->id, vm->config.name);
        return;
    }
    /* Crashed for good: on_crash is not applied, or a restart that keeps
     * failing would loop. Unless a destroy took the domain meanwhile. */
    spin_lock(&vm->lock);
    if (vm_transition(vm, VM_CREATED, VM_CRASHED) == 0) {
        snprintf(vm->crash_reason, sizeof(vm->crash_reason), "restart failed (%d)", err);
        vm->stop_finished = true;
        log_printf("d%u (%s) crashed: %s", vm->id, vm->config.name, vm->crash_reason);
    }
    spin_unlock(&vm->lock);
}

static enum domain_action stop_action(struct vm *vm, int state)
{
    if (state == VM_CRASHED)
        return vm->config.on_crash;
    switch (atomic_load(&vm->shutdown_reason)) {
    case SHUTDOWN_REBOOT:
        return vm->config.on_reboot;
    case SHUTDOWN_POWEROFF:
        return vm->config.on_poweroff;
    default:
        return ACTION_DESTROY;
    }
}

/* A machine without a control domain has nothing left to do once its last
 * domain stopped; boot-time domains may stop before the last one is even
 * created, so this waits for the end of boot. */
static void power_off_if_idle(void)
{
    if (atomic_load(&boot_complete) && vm_count_live() == 0 && !id_taken(0)) {
        log_printf("no domain left running: powering off");
        hal_system_off();
    }
}

void vm_boot_complete(void)
{
    atomic_store(&boot_complete, true);
    power_off_if_idle();
}

/* Carries out on_poweroff / on_reboot / on_crash, once, outside any lock;
 * the caller holds a reference. */
static void vm_finish_stop(struct vm *vm, int state, enum domain_action action)
{
    console_domain_flush(vm);
    switch (action) {
    case ACTION_RESTART:
        vm_restart(vm);
        break;
    case ACTION_PRESERVE:
        log_printf("d%u (%s) stopped (%s), preserved", vm->id, vm->config.name,
                   vm_state_name(state));
        break;
    case ACTION_DESTROY:
        log_printf("d%u (%s) %s, destroyed", vm->id, vm->config.name,
                   state == VM_CRASHED ? "crashed" : "shut down");
        drop_existence(vm);
        break;
    }
}

/* Every path that can leave a stopping domain without a running vCPU calls
 * this; the domain's own lock makes sure the stop is finished exactly once.
 * Its callers are the domain's own vCPUs or hold a reference, so the slot
 * cannot be released under it. */
static void vm_try_finish(struct vm *vm)
{
    enum domain_action action;
    int state;

    spin_lock(&vm->lock);
    state = atomic_load(&vm->state);
    if (vm->stop_finished || atomic_load(&vm->active_vcpus) != 0 ||
        (state != VM_SHUTTING_DOWN && state != VM_CRASHED)) {
        spin_unlock(&vm->lock);
        return;
    }
    vm->stop_finished = true;
    action = vm->destroy_requested ? ACTION_DESTROY : stop_action(vm, state);
    if (action == ACTION_DESTROY)
        atomic_store(&vm->state, VM_DESTROYED);
    /* The domain's own reference is still held (a destroy drops it only
     * once the stop is finished): this one lasts while the action runs. */
    atomic_fetch_add(&vm->refs, 1);
    spin_unlock(&vm->lock);
    vm_finish_stop(vm, state, action);
    vm_put(vm);
    power_off_if_idle();
}

bool vcpu_must_stop(const struct vcpu *vcpu)
{
    int state = atomic_load(&vcpu->vm->state);

    return state == VM_SHUTTING_DOWN || state == VM_CRASHED || state == VM_DESTROYED;
}

bool vcpu_runnable(const struct vcpu *vcpu)
{
    return atomic_load(&vcpu->power) != VCPU_OFF && atomic_load(&vcpu->vm->state) == VM_RUNNING;
}

uint64_t vcpu_time_ns(const struct vcpu *vcpu)
{
    uint64_t t = vcpu->run_ns;

    if (atomic_load(&vcpu->in_guest))
        t += hal_time_ns() - vcpu->loaded_at;
    return t;
}

void vcpu_stopped(struct vcpu *vcpu)
{
    struct vm *vm = vcpu->vm;
    bool last = false;

    spin_lock(&vm->lock);
    if (atomic_load(&vcpu->power) != VCPU_OFF) {
        atomic_store(&vcpu->power, VCPU_OFF);
        last = atomic_fetch_sub(&vm->active_vcpus, 1) == 1;
    }
    atomic_store(&vcpu->off_requested, false);
    spin_unlock(&vm->lock);
    if (!last)
        return;
    if (atomic_load(&vm->state) == VM_RUNNING) {
        /* Every vCPU turned itself off: nothing can ever wake the domain. */
        log_printf("d%u (%s): all vCPUs off, treating as power-off", vm->id, vm->config.name);
        vm_shutdown(vm, SHUTDOWN_POWEROFF);
        return;
    }
    vm_try_finish(vm);
}

int vcpu_power_on(struct vcpu *vcpu, uint64_t entry, uint64_t arg)
{
    struct vm *vm = vcpu->vm;
    int err;

    spin_lock(&vm->lock);
    err = atomic_load(&vm->state) == VM_RUNNING ? vcpu_start_locked(vcpu, entry, arg) : -EPERM;
    spin_unlock(&vm->lock);
    if (!err)
        vcpu_kick(vcpu);
    return err;
}

int vcpu_start_request(struct vcpu *target, uint64_t entry, uint64_t arg)
{
    paddr_t unused;
    int err;

    if (aspace_translate(&target->vm->aspace, entry, 4, &unused))
        return -EFAULT;
    err = vcpu_power_on(target, entry, arg);
    if (err == -EBUSY)
        return atomic_load(&target->power) == VCPU_ON ? -EALREADY : -EINPROGRESS;
    return err;
}

void vcpu_request_off(struct vcpu *vcpu)
{
    atomic_store(&vcpu->off_requested, true);
    atomic_store(&vcpu->attention, true);
}
