/* Domains: creation, the state machine, loading and stopping. */
#include <stdarg.h>
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/format.h>
#include <septum/boot_image.h>
#include <septum/log.h>
#include <septum/pcpu.h>
#include <septum/string.h>
#include <septum/vm.h>

#define GUEST_RAM_ALIGN (2ull << 20)

static struct vm vms[MAX_DOMAINS];
static void vm_try_finish(struct vm *vm, unsigned generation);
struct rlock domctl = RLOCK_INIT;
static bool boot_complete;

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

struct vm *vm_by_id(unsigned id)
{
    for (unsigned i = 0; i < MAX_DOMAINS; i++) {
        if (vms[i].in_use && vms[i].id == id)
            return &vms[i];
    }
    return NULL;
}

struct vm *vm_next(int after)
{
    struct vm *best = NULL;

    for (unsigned i = 0; i < MAX_DOMAINS; i++) {
        struct vm *vm = &vms[i];

        if (vm->in_use && (int)vm->id > after && (!best || vm->id < best->id))
            best = vm;
    }
    return best;
}

unsigned vm_count_live(void)
{
    unsigned n = 0;

    for (unsigned i = 0; i < MAX_DOMAINS; i++)
        n += vms[i].in_use && state_is_live(atomic_load(&vms[i].state));
    return n;
}

static int check_config(const struct domain_config *c)
{
    if (c->name[0] == '\0' || strnlen(c->name, DOMAIN_NAME_MAX) == DOMAIN_NAME_MAX)
        return -EINVAL;
    if (c->nr_vcpus == 0 || c->nr_vcpus > MAX_VCPUS)
        return -EINVAL;
    if (c->mem_size == 0 || c->mem_size % GUEST_RAM_ALIGN || c->mem_size > GUEST_RAM_MAX)
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

/* Takes a free slot. The control domain is domain 0; the others get ids
 * from 1 up, never reused (as Xen's), so a name in an old log line never
 * points at a newer domain. */
static struct vm *vm_alloc(bool control)
{
    static unsigned next_id = 1, next_generation = 1;
    struct vm *vm = NULL;

    rlock_take(&domctl);
    if (control && vm_by_id(0))
        goto out; /* there is one control domain */
    for (unsigned i = 0; i < MAX_DOMAINS && !vm; i++) {
        if (!vms[i].in_use) {
            vm = &vms[i];
            *vm = (struct vm){.id = control ? 0 : next_id++,
                              .generation = next_generation++,
                              .vmid = i,
                              .in_use = true,
                              .lock = SPINLOCK_INIT};
            atomic_store(&vm->state, VM_CREATED);
        }
    }
out:
    rlock_give(&domctl);
    return vm;
}

/* Gives back everything vm_create() took; safe on a half-built domain. */
static void vm_release(struct vm *vm)
{
    rlock_take(&domctl);
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++)
        pcpu_release(vm->vcpus[i].pcpu, &vm->vcpus[i]);
    arch_vm_release(vm);
    devmgr_release(&vm->devices);
    if (vm->aspace.s2.root) {
        arch_flush_guest_tlb(vm);
        aspace_release(&vm->aspace);
    }
    if (vm->ram_pa)
        hal_ram_free(vm->ram_pa, vm->config.mem_size);
    vm->ram_pa = 0;
    boot_image_release(vm);
    atomic_store(&vm->state, VM_DESTROYED);
    vm->in_use = false;
    rlock_give(&domctl);
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
        err = hal_ram_alloc(config->mem_size, GUEST_RAM_ALIGN, &vm->ram_pa);
    /* The control domain sees its RAM where it is (IPA == PA). */
    vm->ram_ipa = config->control ? vm->ram_pa : GUEST_RAM_BASE;
    if (!err)
        err = aspace_map_ram(&vm->aspace, vm->ram_ipa, vm->ram_pa, config->mem_size);
    if (!err)
        err = devmgr_init(&vm->devices, arch_vm_device_count(vm));
    if (!err)
        err = arch_vm_init(vm);
    if (err)
        goto fail;
    log_printf("d%u (%s): %llu KiB of hypervisor memory (tables, devices)", vm->id,
               config->name, (unsigned long long)((heap_before - hal_heap_free_bytes()) >> 10));
    *out = vm;
    return 0;
fail:
    vm_release(vm);
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

    /* Under the lock, so that whoever finishes the stop sees the reason. */
    rlock_take(&domctl);
    err = vm_transition(vm, VM_RUNNING, VM_SHUTTING_DOWN);
    if (err)
        err = vm_transition(vm, VM_PAUSED, VM_SHUTTING_DOWN);
    if (!err) {
        atomic_store(&vm->shutdown_reason, reason);
        kick_all(vm);
        vm_try_finish(vm, vm->generation); /* no vCPU may be left to do it */
    }
    rlock_give(&domctl);
    return err;
}

void vm_crash(struct vm *vm, const char *fmt, ...)
{
    int state;
    va_list ap;

    rlock_take(&domctl);
    state = atomic_load(&vm->state);
    do {
        if (!state_is_live(state))
            goto out; /* already stopped: the first reason stands */
    } while (!atomic_compare_exchange_weak(&vm->state, &state, VM_CRASHED));
    va_start(ap, fmt);
    vsnprintf(vm->crash_reason, sizeof(vm->crash_reason), fmt, ap);
    va_end(ap);
    log_printf("d%u (%s) crashed: %s", vm->id, vm->config.name, vm->crash_reason);
    kick_all(vm);
    vm_try_finish(vm, vm->generation);
out:
    rlock_give(&domctl);
}

int vm_destroy(struct vm *vm)
{
    int state, err = 0;

    rlock_take(&domctl);
    state = atomic_load(&vm->state);
    if (!vm->in_use || state == VM_DESTROYED) {
        err = -ESRCH;
    } else if (state == VM_CREATED || vm->stop_finished) {
        vm_release(vm); /* nothing runs: release at once */
    } else if (state == VM_SHUTTING_DOWN || state == VM_CRASHED) {
        vm->destroy_requested = true; /* the stop under way ends in a destroy */
        vm_try_finish(vm, vm->generation);
    } else {
        vm->destroy_requested = true;
        err = vm_shutdown(vm, SHUTDOWN_DESTROY);
    }
    rlock_give(&domctl);
    return err;
}

/* Starts a stopped domain again from its original image. */
static void vm_restart(struct vm *vm)
{
    int err;

    arch_flush_guest_tlb(vm);
    aspace_scrub(&vm->aspace);
    arch_vm_reset(vm);
    devmgr_reset_counters(&vm->devices);
    vm->restarts++;
    vm->crash_reason[0] = '\0';
    vm->stop_finished = false;
    atomic_store(&vm->state, VM_CREATED);
    err = boot_image_replay(vm);
    if (!err)
        err = vm_start(vm);
    if (!err) {
        log_printf("d%u (%s) restarted", vm->id, vm->config.name);
        return;
    }
    /* Crashed for good: on_crash is not applied, or a restart that keeps
     * failing would loop. */
    snprintf(vm->crash_reason, sizeof(vm->crash_reason), "restart failed (%d)", err);
    atomic_store(&vm->state, VM_CRASHED);
    vm->stop_finished = true;
    log_printf("d%u (%s) crashed: %s", vm->id, vm->config.name, vm->crash_reason);
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
 * created, so this waits for the end of boot. Called with domctl held. */
static void power_off_if_idle(void)
{
    if (boot_complete && vm_count_live() == 0 && !vm_by_id(0)) {
        log_printf("no domain left running: powering off");
        hal_system_off();
    }
}

void vm_boot_complete(void)
{
    rlock_take(&domctl);
    boot_complete = true;
    power_off_if_idle();
    rlock_give(&domctl);
}

/* Carries out on_poweroff / on_reboot / on_crash, once. The caller holds
 * domctl and has checked that no vCPU of the domain is left on a pCPU. */
static void vm_finish_stop(struct vm *vm, int state)
{
    enum domain_action action = vm->destroy_requested ? ACTION_DESTROY : stop_action(vm, state);

    vm->stop_finished = true;
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
        vm_release(vm);
        break;
    }
    power_off_if_idle();
}

/* Every path that can leave a stopping domain without a running vCPU calls
 * this; domctl and the generation make sure the stop is finished exactly
 * once, and never on a slot that has since been released or reused. */
static void vm_try_finish(struct vm *vm, unsigned generation)
{
    int state;

    rlock_take(&domctl);
    state = atomic_load(&vm->state);
    if (vm->in_use && vm->generation == generation && !vm->stop_finished &&
        atomic_load(&vm->active_vcpus) == 0 && (state == VM_SHUTTING_DOWN || state == VM_CRASHED))
        vm_finish_stop(vm, state);
    rlock_give(&domctl);
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
    unsigned generation;
    bool last = false;

    spin_lock(&vm->lock);
    if (atomic_load(&vcpu->power) != VCPU_OFF) {
        atomic_store(&vcpu->power, VCPU_OFF);
        last = atomic_fetch_sub(&vm->active_vcpus, 1) == 1;
    }
    atomic_store(&vcpu->off_requested, false);
    generation = vm->generation;
    spin_unlock(&vm->lock);
    if (!last)
        return;
    if (atomic_load(&vm->state) == VM_RUNNING) {
        /* Every vCPU turned itself off: nothing can ever wake the domain. */
        log_printf("d%u (%s): all vCPUs off, treating as power-off", vm->id, vm->config.name);
        vm_shutdown(vm, SHUTDOWN_POWEROFF);
        return;
    }
    vm_try_finish(vm, generation);
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

void vcpu_request_off(struct vcpu *vcpu)
{
    atomic_store(&vcpu->off_requested, true);
    atomic_store(&vcpu->attention, true);
}
