/* The pCPU loop: each pCPU runs the one vCPU that owns it whenever that
 * vCPU may run, carries out its power changes, and otherwise idles. */
#include <septum/arch.h>
#include <septum/boot.h>
#include <septum/hal.h>
#include <septum/pcpu.h>
#include <septum/vm.h>

static void vcpu_enter(struct vcpu *vcpu)
{
    vcpu->loaded_at = hal_time_ns();
    atomic_store(&vcpu->in_guest, true);
    /* A pause that saw in_guest still false must not find the vCPU in the
     * guest later (vm_vcpus_in_guest()): look at the state once more. */
    if (vcpu_runnable(vcpu))
        arch_vcpu_enter(vcpu);
    atomic_store(&vcpu->in_guest, false);
    vcpu->run_ns += hal_time_ns() - vcpu->loaded_at;
}

/* The exit path runs with interrupts masked; a physical interrupt that
 * becomes pending still ends arch_idle()'s wait and is handled there. Who
 * changes what the vCPU must do sets its attention flag before kicking
 * this pCPU, and the checks come before every wait, so nothing raised
 * before one is slept through. */
void vcpu_wait_for_irq(struct vcpu *vcpu)
{
    uint64_t now = hal_time_ns();

    atomic_store_explicit(&vcpu->in_guest, false, memory_order_relaxed);
    vcpu->run_ns += now - vcpu->loaded_at;
    while (!atomic_load_explicit(&vcpu->attention, memory_order_acquire) &&
           !arch_vcpu_has_irq(vcpu))
        arch_idle(vcpu);
    vcpu->loaded_at = hal_time_ns();
    atomic_store_explicit(&vcpu->in_guest, true, memory_order_relaxed);
}

/* A vCPU leaves its pCPU for good when its domain stops or it turned
 * itself off; that is handled here, outside its exit path, so that nothing
 * about the domain changes while one of its vCPUs is still in a trap. */
static bool must_leave(struct vcpu *vcpu)
{
    return atomic_load(&vcpu->power) != VCPU_OFF &&
           (vcpu_must_stop(vcpu) || atomic_load(&vcpu->off_requested));
}

void pcpu_loop(void)
{
    unsigned id = hal_current_pcpu();

    for (;;) {
        struct vcpu *vcpu = pcpu_owner(id);

        if (vcpu && must_leave(vcpu)) {
            arch_vcpu_unload(vcpu);
            vcpu_stopped(vcpu);
            continue;
        }
        if (vcpu && vcpu_runnable(vcpu)) {
            if (atomic_load(&vcpu->power) == VCPU_ON_PENDING) {
                arch_vcpu_reset(vcpu);
                atomic_store(&vcpu->power, VCPU_ON);
            }
            vcpu_enter(vcpu);
            continue;
        }
        /* A domain just created by the control domain (not runnable until
         * this is done): this pCPU, its own, zeroes its RAM before anything
         * can be loaded into it. */
        if (vcpu && vcpu->id == 0 && !vm_ram_ready(vcpu->vm)) {
            vm_zero_pending(vcpu->vm);
            continue;
        }
        /* A paused vCPU still owns its timer: its interrupt waits for it. */
        arch_idle(vcpu && atomic_load(&vcpu->power) != VCPU_OFF ? vcpu : NULL);
    }
}
