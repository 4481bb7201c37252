/* The virtual GICv3, CPU side: list registers and the interrupts private to
 * each vCPU (SGIs, PPIs, the virtual timer). The CPU interface is the
 * hardware's (ICV registers), fed through list registers; those belong to
 * the pCPU and, as a vCPU owns its pCPU, are never saved or restored.
 * Interrupts wait in the vCPU's pending mask (SGIs, PPIs) or in the
 * distributor (SPIs, vgic_spi.c) until a list register is free; when none
 * is, the underflow maintenance interrupt brings the vCPU back to refill
 * them. Interrupts 0-63: SGIs, PPIs and 32 SPIs. */
#include <septum/config.h>
#include <septum/devmgr.h>
#include <septum/vm.h>
#include <arch/gic.h>
#include <arch/vgic.h>
#include <arch/vgic_internal.h>
#include <arch/vgic_lr.h>

/* The virtual timer's list register carries the physical INTID: the
 * guest's EOI deactivates the physical interrupt, which stays active (and
 * so cannot fire again) until then. No masking, no second exit. */
static uint64_t vtimer_lr(const struct vcpu *vcpu)
{
    return LR_HW | (uint64_t)INTID_VTIMER << LR_PINTID_SHIFT |
           vgic_lr_value(INTID_VTIMER, vcpu->arch.vgic.priority[INTID_VTIMER]);
}

static uint32_t private_enabled(const struct vcpu *vcpu)
{
    if (!vgic_group_enabled(vcpu->vm))
        return 0;
    return atomic_load_explicit(&vcpu->arch.vgic.enabled, memory_order_relaxed);
}

/* Pending SGIs and PPIs already in a list register are merged into it; one
 * the guest is still handling becomes pending again behind itself, as a
 * level-sensitive line raised again would. One that the hardware delivers
 * (the virtual timer) absorbs a software request for the same INTID: the
 * guest takes that interrupt anyway. Returns the interrupts taken. */
static uint32_t merge_private(uint32_t pending, uint32_t occupied)
{
    uint32_t taken = 0;

    for (; occupied; occupied &= occupied - 1) {
        unsigned i = (unsigned)__builtin_ctz(occupied);
        uint64_t lr = lr_read(i);
        uint64_t intid = lr & LR_VINTID_MASK;

        if (intid >= 32 || !(pending >> intid & 1))
            continue;
        if ((lr & (LR_STATE_MASK | LR_HW)) == LR_ACTIVE)
            lr_write(i, lr | LR_PENDING);
        taken |= 1u << intid;
    }
    return taken;
}

/* Returns true if some pending interrupt found no list register. */
static bool place_private(struct vcpu *vcpu, uint32_t pending, uint32_t all, uint32_t *free)
{
    struct vgic_cpu *c = &vcpu->arch.vgic;
    uint32_t taken = *free == all ? 0 : merge_private(pending, all & ~*free);

    pending &= ~taken;
    for (; pending && *free; *free &= *free - 1) {
        unsigned intid = (unsigned)__builtin_ctz(pending);

        pending &= pending - 1;
        taken |= 1u << intid;
        lr_write((unsigned)__builtin_ctz(*free), vgic_lr_value(intid, c->priority[intid]));
        vcpu->irqs_injected++;
    }
    atomic_fetch_and_explicit(&c->pending, ~taken, memory_order_relaxed);
    return pending != 0;
}

/* A list register may hold an INTID once only: a software request for the
 * timer's INTID still waiting there (GICR_ISPENDR0) gives way to the
 * hardware interrupt; one the guest is handling is marked to report its end
 * (LR_EOI), after which the timer takes its place. Returns true if the
 * timer waits for a free list register. */
static bool place_vtimer(struct vcpu *vcpu, uint32_t all, uint32_t *free)
{
    for (uint32_t used = all & ~*free; used; used &= used - 1) {
        unsigned i = (unsigned)__builtin_ctz(used);
        uint64_t lr = lr_read(i);

        if ((lr & LR_VINTID_MASK) != INTID_VTIMER)
            continue;
        if ((lr & LR_STATE_MASK) != LR_PENDING) {
            lr_write(i, lr | LR_EOI);
            return false;
        }
        lr_write(i, vtimer_lr(vcpu));
        vcpu->arch.vgic.vtimer_waiting = false;
        return false;
    }
    if (!*free)
        return true;
    lr_write((unsigned)__builtin_ctz(*free), vtimer_lr(vcpu));
    *free &= *free - 1;
    vcpu->arch.vgic.vtimer_waiting = false;
    vcpu->irqs_injected++;
    return false;
}

void vgic_flush(struct vcpu *vcpu)
{
    struct vgic_cpu *c = &vcpu->arch.vgic;
    uint32_t enabled = private_enabled(vcpu);
    uint32_t pending = atomic_load_explicit(&c->pending, memory_order_relaxed) & enabled;
    bool timer = c->vtimer_waiting && (enabled >> INTID_VTIMER & 1);
    bool spis = vgic_spi_work(vcpu);
    bool waiting = false;
    uint32_t all, free;

    if (!pending && !timer && !spis)
        return;
    all = lr_all();
    free = lr_empty_mask() & all;
    if (spis)
        waiting = vgic_spi_flush(vcpu, &free);
    if (timer && place_vtimer(vcpu, all, &free))
        waiting = true;
    if (pending && place_private(vcpu, pending, all, &free))
        waiting = true;
    /* Waiting for a free list register (so all are in use): ask for a
     * maintenance interrupt when they drain, and look again on the next
     * exit. */
    lr_set_underflow(waiting);
    if (waiting)
        atomic_store_explicit(&vcpu->attention, true, memory_order_relaxed);
}

bool vgic_lr_pending(void)
{
    for (uint32_t used = lr_all() & ~lr_empty_mask(); used; used &= used - 1) {
        if (lr_read((unsigned)__builtin_ctz(used)) & LR_PENDING)
            return true;
    }
    return false;
}

void vgic_inject(struct vcpu *vcpu, unsigned intid)
{
    if (intid >= 32)
        return;
    atomic_fetch_or(&vcpu->arch.vgic.pending, 1u << intid);
    vcpu_kick(vcpu);
}

void vgic_inject_local(struct vcpu *vcpu, unsigned intid)
{
    uint32_t all = lr_all();

    /* The common case, all list registers free: straight into the first,
     * with no bitmap, no flag and no second look at the others. */
    if (intid < 32 && (private_enabled(vcpu) >> intid & 1) && (lr_empty_mask() & all) == all) {
        lr_write(0, vgic_lr_value(intid, vcpu->arch.vgic.priority[intid]));
        vcpu->irqs_injected++;
        return;
    }
    vgic_inject(vcpu, intid);
}

void vgic_vtimer_fired(struct vcpu *vcpu)
{
    /* The timer cannot be in a list register already: its physical
     * interrupt stays active, and cannot fire again, until the guest
     * deactivates it through that list register. So the first list
     * register, when it is empty, is as good as any: no search. */
    if ((private_enabled(vcpu) >> INTID_VTIMER & 1) && (lr_empty_mask() & 1)) {
        lr_write(0, vtimer_lr(vcpu));
        vcpu->irqs_injected++;
        return;
    }
    /* Disabled for now, or list registers to look at first: vgic_flush()
     * places it, on this exit or once the guest enables it. */
    vcpu->arch.vgic.vtimer_waiting = true;
    atomic_store_explicit(&vcpu->attention, true, memory_order_relaxed);
}

/* ICC_SGI1R_EL1: Aff1, Aff2, RS and Aff3, which no vCPU's affinity has. */
#define SGI1R_HIGH_AFFINITY 0x00fff0ff00ff0000ull
#define SGI1R_IRM (1ull << 40)

/* vCPU i is Aff0 = i, and the other affinities are 0 (arch_vm_init), so a
 * target list with range 0 names vCPUs by bit; one naming higher
 * affinities names nobody here. */
void vgic_send_sgi(struct vcpu *from, uint64_t sgi1r)
{
    struct vm *vm = from->vm;
    unsigned intid = (sgi1r >> 24) & 0xf;
    uint32_t all = (1u << vm->config.nr_vcpus) - 1, targets;

    if (sgi1r & SGI1R_IRM)
        targets = all & ~(1u << from->id); /* all but self */
    else if (sgi1r & SGI1R_HIGH_AFFINITY)
        targets = 0;
    else
        targets = (uint32_t)sgi1r & all;
    if (targets == 1u << from->id) { /* to itself (Linux's irq_work): no walk */
        vgic_inject_local(from, intid);
        return;
    }
    for (; targets; targets &= targets - 1) {
        struct vcpu *target = &vm->vcpus[__builtin_ctz(targets)];

        if (target == from)
            vgic_inject_local(target, intid);
        else
            vgic_inject(target, intid);
    }
}

void vgic_maintenance(struct vcpu *vcpu)
{
    lr_set_underflow(false); /* vgic_flush() re-arms it if needed */
    if (!vcpu)
        return;
    /* Ends the guest reported are handled here and now: the maintenance
     * interrupt stays raised until their list registers are emptied, and a
     * paused vCPU's pCPU takes interrupts without ever flushing. SPIs go
     * back to the distributor; what is left is the timer's INTID, which
     * the timer was waiting for. */
    if (lr_eoi_mask()) {
        vgic_spi_sync(vcpu);
        for (uint32_t done = lr_eoi_mask(); done; done &= done - 1)
            lr_write((unsigned)__builtin_ctz(done), 0);
    }
    atomic_store_explicit(&vcpu->attention, true, memory_order_relaxed);
}

void vgic_quiesce(struct vcpu *vcpu)
{
    struct vgic_cpu *c = &vcpu->arch.vgic;

    vgic_spi_release(vcpu);
    for (unsigned i = 0; i < lr_count(); i++) {
        uint64_t lr = lr_read(i);

        if ((lr & LR_HW) && (lr & LR_STATE_MASK))
            gic_deactivate((unsigned)(lr >> LR_PINTID_SHIFT) & 0x3ff);
        lr_write(i, 0);
    }
    if (c->vtimer_waiting) {
        gic_deactivate(INTID_VTIMER);
        c->vtimer_waiting = false;
    }
    lr_reset_interface();
}

void vgic_vm_reset(struct vm *vm)
{
    vgic_spi_reset(vm);
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        struct vgic_cpu *c = &vm->vcpus[i].arch.vgic;

        atomic_store(&c->pending, 0);
        atomic_store(&c->enabled, 0);
        atomic_store(&c->resync, false);
        c->vtimer_waiting = false;
        c->sleeping = true;
        for (unsigned n = 0; n < sizeof(c->priority); n++)
            c->priority[n] = 0;
    }
}

int vgic_vm_init(struct vm *vm)
{
    int err;

    vgic_vm_reset(vm);
    err = devmgr_register(&vm->devices, GUEST_GICD_BASE, GUEST_GICD_SIZE, vgic_dist_access, vm,
                          "gicv3-dist");
    if (!err)
        err =
            devmgr_register(&vm->devices, GUEST_GICR_BASE, GUEST_GICR_STRIDE * vm->config.nr_vcpus,
                            vgic_redist_access, vm, "gicv3-redist");
    return err;
}
