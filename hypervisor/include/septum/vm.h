/* Domains and their vCPUs (the seed's AxVM). */
#ifndef SEPTUM_VM_H
#define SEPTUM_VM_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <septum/aspace.h>
#include <septum/boot_image.h>
#include <septum/console.h>
#include <septum/config.h>
#include <septum/devmgr.h>
#include <septum/power_keys.h>
#include <septum/ranges.h>
#include <septum/shm.h>
#include <septum/spinlock.h>
#include <septum/vuart.h>
#include <septum/arch.h>

/* Every transition is a compare-and-swap from an allowed source state. */
enum vm_state {
    VM_CREATED,
    VM_RUNNING,
    VM_PAUSED,
    VM_SHUTTING_DOWN,
    VM_DESTROYED,
    VM_CRASHED,
};

enum vcpu_power {
    VCPU_OFF,
    VCPU_ON_PENDING, /* PSCI CPU_ON accepted, not yet entered */
    VCPU_ON,
};

enum shutdown_reason {
    SHUTDOWN_POWEROFF,
    SHUTDOWN_REBOOT,
    SHUTDOWN_DESTROY, /* forced by the control domain */
};

/* Why a vCPU left the guest, for per-cause exit statistics. */
enum exit_cause {
    EXIT_HVC,
    EXIT_SMC,
    EXIT_SYSREG,
    EXIT_MMIO,
    EXIT_IRQ,
    EXIT_OTHER,
    EXIT_CAUSES,
};

struct vm;

struct vcpu {
    struct vm *vm;
    unsigned id;
    unsigned pcpu;
    _Atomic int power;
    _Atomic bool off_requested; /* PSCI CPU_OFF, carried out by the pCPU loop */
    uint64_t entry;             /* where CPU_ON or boot starts the vCPU */
    uint64_t entry_arg;
    /* Counters written only on the vCPU's own pCPU, so never by two CPUs
     * at once; readers add them up (vm_irqs_injected()). */
    uint64_t exits[EXIT_CAUSES];
    uint64_t irqs_injected; /* interrupts placed in its list registers */
    uint64_t run_ns;        /* time spent in the guest, up to its last exit to the loop */
    uint64_t loaded_at;     /* when it last entered */
    _Atomic bool in_guest;
    /* Set by anyone who changes what the vCPU must do next (its power, its
     * domain's state, a pending interrupt) before kicking its pCPU; the exit
     * path looks at the rest only when it is set. */
    _Atomic bool attention;
    struct vcpu_arch arch;
};

struct vm_stats {
    uint64_t console_bytes;
};

struct vm {
    unsigned id;
    unsigned vmid; /* stage-2 TLB tag: the slot, reused only after a flush */
    _Atomic bool in_use;
    /* References: the domain's own (dropped once, when it is destroyed:
     * `dead`) and one per caller looking at it (vm_get()); the last one
     * releases the domain, so nobody needs a lock to keep it alive. */
    _Atomic unsigned refs;
    _Atomic bool dead;
    bool stop_finished;     /* a stop ran its on_poweroff/on_reboot/on_crash */
    bool destroy_requested; /* the stop under way ends in a destroy */
    struct domain_config config;
    _Atomic int state;
    _Atomic int shutdown_reason;
    _Atomic unsigned active_vcpus; /* vCPUs powered on; the last to stop finishes a stop */
    struct vcpu vcpus[MAX_VCPUS];
    struct aspace aspace;
    struct devmgr devices;
    struct shm_ports shm; /* its shared-memory regions */
    uint64_t ram_ipa;     /* where the domain sees its RAM (extents in aspace.ram) */
    struct boot_image boot;
    uint64_t heap_bytes; /* hypervisor memory taken for its tables and devices */
    uint64_t created_ns;
    unsigned restarts;
    struct vm_stats stats;
    struct console console;
    struct power_keys power_keys; /* not the control domain's */
    /* The domain's own lock: vCPU power changes and the stop's bookkeeping
     * (reason, stop_finished, destroy_requested). Held briefly, never
     * across long work, never together with another domain's. */
    spinlock_t lock;
    char crash_reason[128];
    struct vm_arch arch;
    struct vuart_state uart; /* its console UART's (arch_guest.uart_model) */
    /* Boot-time domains: the machine's device-tree nodes of the devices
     * they were given, for their standard device tree. */
    int dt_nodes[8];
    unsigned nr_dt_nodes;
    /* Dirty pieces of its RAM left to zero (zero_on_own_pcpu) and whether
     * that is done: until then nothing may be loaded into it or started.
     * Last: cold, and large enough to push the exit path's fields out of
     * reach of short load offsets. */
    _Atomic bool ram_ready;
    unsigned nr_to_zero;
    struct range to_zero[RANGE_ZERO_MAX];
};

const char *vm_state_name(int state);
/* The one state-machine primitive: moves from `from` to `to` atomically;
 * -EBUSY if the domain was not in `from`. */
int vm_transition(struct vm *vm, enum vm_state from, enum vm_state to);

int vm_create(const struct domain_config *config, struct vm **out);
/* Boot-time domains: lays out the kernel and initramfs modules and the
 * standard device tree in RAM and points vCPU 0 at them. */
int vm_load(struct vm *vm);
/* Zeroes what is left of a new domain's RAM, a block at a time; the pCPU
 * loop of its vCPU 0 calls it while the RAM is not ready. */
void vm_zero_pending(struct vm *vm);
static inline bool vm_ram_ready(const struct vm *vm)
{
    return atomic_load_explicit(&vm->ram_ready, memory_order_acquire);
}
int vm_start(struct vm *vm);
int vm_pause(struct vm *vm);
int vm_unpause(struct vm *vm);
/* True while any of the domain's vCPUs is in the guest. Once a pause has
 * kicked them, false means none will run guest code until the domain runs
 * again: vcpu entry looks at the state after marking itself in the guest
 * (both sequentially consistent), so one of the two sees the other. */
bool vm_vcpus_in_guest(const struct vm *vm);
int vm_shutdown(struct vm *vm, enum shutdown_reason reason);
/* A guest powers off or resets its system (PSCI SYSTEM_OFF/RESET, SBI
 * SRST): its domain stops or restarts; the control domain's acts on the
 * whole machine, as on Xen (then it does not return). */
void vm_guest_shutdown(struct vm *vm, bool reboot);
/* Asks a running domain to power off or reboot itself: presses its power
 * keys (power_keys.h); nothing else changes. -EBUSY unless it runs. */
int vm_request_stop(struct vm *vm, bool reboot);
/* Stops the domain alone after guest misbehaviour; logs reason once. */
void vm_crash(struct vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vm_destroy(struct vm *vm);

/* Boot-time domains are all created: from now on, a machine without a
 * control domain powers off when its last domain stops. */
void vm_boot_complete(void);

/* The domain with this id, with a reference the caller gives back with
 * vm_put(); NULL if there is none (or it is being destroyed). */
struct vm *vm_get(unsigned id);
/* The same for a domain known by its slot: a reference on vm if it still
 * is domain id (the slot may have been released and taken again since the
 * pointer was kept), else NULL. No search, no lock. */
struct vm *vm_get_slot(struct vm *vm, unsigned id);
/* The same for the domain with the smallest id above `after` (-1 for the
 * first). */
struct vm *vm_get_next(int after);
void vm_put(struct vm *vm);
/* Walks the domains in id order, each held while the loop body runs:
 * for (vm = vm_get_next(-1); vm; vm = vm_get_after(vm)) -- a body that
 * leaves the loop early must vm_put() the one it holds. */
struct vm *vm_get_after(struct vm *vm);
unsigned vm_count_live(void);
/* Where the id counter goes on; for tests that drive the id space to its
 * wrap without creating 32,000 domains. */
void vm_set_next_id(unsigned id);

/* vCPU power management (PSCI). */
int vcpu_power_on(struct vcpu *vcpu, uint64_t entry, uint64_t arg);
/* A guest starts another of its vCPUs at entry (PSCI CPU_ON, SBI HSM
 * hart_start): -EFAULT if entry is not in its RAM, -EALREADY if the vCPU
 * is on, -EINPROGRESS if it is starting already; else vcpu_power_on()'s. */
int vcpu_start_request(struct vcpu *target, uint64_t entry, uint64_t arg);
/* The guest turns the vCPU off; its pCPU loop carries it out. */
void vcpu_request_off(struct vcpu *vcpu);
/* True if the pCPU should (re-)enter this vCPU now. */
bool vcpu_runnable(const struct vcpu *vcpu);
/* True if a vCPU that just exited may go straight back into the guest.
 * Plain loads: whoever changes these calls vcpu_kick() afterwards. */
static inline bool vcpu_may_continue(const struct vcpu *vcpu)
{
    return atomic_load_explicit(&vcpu->power, memory_order_relaxed) == VCPU_ON &&
           !atomic_load_explicit(&vcpu->off_requested, memory_order_relaxed) &&
           atomic_load_explicit(&vcpu->vm->state, memory_order_relaxed) == VM_RUNNING;
}
/* The exit path found the vCPU's attention flag set: clears it before
 * looking, so that a change made meanwhile is seen on the next exit (its
 * kick makes sure there is one), and says whether the vCPU may go back
 * into the guest; if not, the pCPU loop decides what happens next. */
static inline bool vcpu_take_attention(struct vcpu *vcpu)
{
    atomic_store_explicit(&vcpu->attention, false, memory_order_relaxed);
    atomic_thread_fence(memory_order_seq_cst);
    return vcpu_may_continue(vcpu);
}

/* Makes the vCPU look at its state on its next exit, and forces that exit
 * if it runs on another pCPU. */
void vcpu_kick(struct vcpu *vcpu);

/* True if virq is the line of one of the domain's own emulated devices
 * (its console UART, its power keys): no other device may have it. */
static inline bool vm_virq_reserved(const struct vm *vm, unsigned virq)
{
    return virq == arch_guest.uart_irq || (!vm->config.control && virq == arch_guest.keys_irq);
}

/* Raises one of the domain's device lines (a device model's interrupt):
 * its interrupt controller finds the target vCPU. */
static inline void vm_raise_irq(struct vm *vm, unsigned irq)
{
    arch_inject_irq(&vm->vcpus[0], irq);
}

/* Interrupts injected into the domain, all vCPUs. */
static inline uint64_t vm_irqs_injected(const struct vm *vm)
{
    uint64_t n = 0;

    for (unsigned i = 0; i < vm->config.nr_vcpus; i++)
        n += vm->vcpus[i].irqs_injected;
    return n;
}

/* Time the vCPU has spent in the guest, including the current stretch. */
uint64_t vcpu_time_ns(const struct vcpu *vcpu);
/* True if the vCPU must leave its pCPU for good (domain stopping). */
bool vcpu_must_stop(const struct vcpu *vcpu);
/* Called by the pCPU loop after the vCPU left its pCPU for good; the last
 * vCPU of a stopping domain completes the stop (destroy, restart or
 * preserve). Never called from the vCPU's own exit path. */
void vcpu_stopped(struct vcpu *vcpu);

#endif
