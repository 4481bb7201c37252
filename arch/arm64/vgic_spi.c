/* The virtual GICv3's shared interrupts (SPIs): where their state lives and
 * how it reaches the list registers of the vCPU each one is routed to.
 *
 * An SPI's state is in one of two places. Either in the distributor
 * (struct vgic_dist: pending, active), or in one list register of one vCPU,
 * its owner (in_lr, owner[]); only the owner touches that list register,
 * on its own pCPU. A pending SPI moves from the distributor into a list
 * register of its target when the target flushes (vgic_spi_flush). It
 * comes back when the owner finds, on its next flush, that the SPI was
 * routed elsewhere, disabled or cleared meanwhile: whoever made that change
 * recorded it here, set the owner's resync flag and kicked it. It leaves
 * for good when the guest deactivates it: its list register carries the
 * EOI bit, whose maintenance interrupt tells the owner at once. An SPI
 * still active on one vCPU is not handed to another: pending again, it
 * waits for that end, as on a real distributor.
 *
 * Locking. d->lock belongs to the domain and only its own vCPUs take it:
 * on distributor accesses, and when a flush has SPI work. No lock is shared
 * with another domain: raising an SPI (vgic_inject_spi, which device models
 * call, the control domain's console input among them) is one atomic OR
 * into `pending` and a kick of the target read after it, no lock. A route
 * change stores the new target and then reads `pending`, both sequentially
 * consistent: either the raiser sees the new target or the router sees the
 * pending bit and kicks it, so no SPI is left pending with nobody told.
 * `pending` is cleared under the lock only (by the flush that takes an SPI
 * into a list register, by GICD_ICPENDR). `enabled`, `routed` and `target`
 * are written under the lock and, with `ctlr` (one atomic word, written
 * without it), read without it by the check that decides whether a flush
 * needs the lock at all; the rest is read and written under the lock only.
 * Kicks are sent after the lock is dropped. */
#include <septum/errno.h>
#include <septum/string.h>
#include <septum/vm.h>
#include <arch/gic.h>
#include <arch/vgic.h>
#include <arch/vgic_internal.h>
#include <arch/vgic_lr.h>

#define SPI_BASE 32

static vgic_spis_t deliverable(const struct vm *vm, unsigned vcpu)
{
    const struct vgic_dist *d = &vm->arch.dist;

    if (!vgic_group_enabled(vm))
        return 0;
    return atomic_load_explicit(&d->enabled, memory_order_relaxed) &
           atomic_load_explicit(&d->routed[vcpu], memory_order_relaxed);
}

static bool is_spi_lr(uint64_t lr)
{
    uint64_t intid = lr & LR_VINTID_MASK;

    return intid >= SPI_BASE && intid < VGIC_NR_IRQS;
}

/* Asks the owners of SPIs held in list registers to look at them again. */
static void resync_owners(struct vm *vm, vgic_spis_t spis, struct vgic_effects *e)
{
    for (; spis; spis &= spis - 1) {
        unsigned owner = vm->arch.dist.owner[__builtin_ctzll(spis)];

        atomic_store_explicit(&vm->vcpus[owner].arch.vgic.resync, true, memory_order_relaxed);
        e->resync |= 1u << owner;
    }
}

void vgic_spi_tell(struct vm *vm, const struct vgic_effects *e, const struct vcpu *skip)
{
    for (vgic_spis_t spis = e->kick; spis; spis &= spis - 1) {
        unsigned t = atomic_load(&vm->arch.dist.target[__builtin_ctzll(spis)]);

        if (t < vm->config.nr_vcpus && &vm->vcpus[t] != skip)
            vcpu_kick(&vm->vcpus[t]);
    }
    for (uint32_t cpus = e->resync; cpus; cpus &= cpus - 1) {
        struct vcpu *v = &vm->vcpus[__builtin_ctz(cpus)];

        if (v != skip)
            vcpu_kick(v);
    }
}

/* One list register holding an SPI, brought in line with the distributor;
 * returns its new value, 0 once the SPI has left it. A pending state that
 * may not stay (routed elsewhere, disabled, or the vCPU leaving) goes back
 * to the distributor and its target is told; one raised again meanwhile
 * joins it. */
static uint64_t update_lr(struct vcpu *vcpu, uint64_t lr, bool leaving, struct vgic_effects *e)
{
    struct vgic_dist *d = &vcpu->vm->arch.dist;
    unsigned spi = (unsigned)(lr & LR_VINTID_MASK) - SPI_BASE;
    vgic_spis_t bit = (vgic_spis_t)1 << spi;
    bool here = !leaving && (deliverable(vcpu->vm, vcpu->id) & bit);
    uint64_t pend = lr & LR_PENDING, act = lr & LR_ACTIVE;

    if (d->unpend & bit)
        pend = 0;
    if (d->unactive & bit)
        act = 0;
    if (d->activate & bit)
        act = LR_ACTIVE;
    d->unpend &= ~bit;
    d->unactive &= ~bit;
    d->activate &= ~bit;
    if (pend && !here) {
        pend = 0;
        atomic_fetch_or(&d->pending, bit);
        e->kick |= bit;
    } else if (here && (atomic_load(&d->pending) & bit)) {
        atomic_fetch_and(&d->pending, ~bit);
        if (!pend)
            vcpu->irqs_injected++;
        pend = LR_PENDING;
    }
    if (leaving)
        act = 0; /* nobody is left to end it */
    if (!pend && !act) {
        /* A physical interrupt handed over and taken back unfinished is
         * ended here: nobody else will, and it could not fire again. */
        if ((lr & LR_HW) && (lr & LR_STATE_MASK))
            gic_deactivate(d->pintid[spi]);
        d->in_lr &= ~bit;
        d->lr_pending &= ~bit;
        d->lr_active &= ~bit;
        e->kick |= bit & atomic_load(&d->pending); /* held back while it was here */
        return 0;
    }
    if (pend)
        d->lr_pending |= bit;
    else
        d->lr_pending &= ~bit;
    if (act)
        d->lr_active |= bit;
    else
        d->lr_active &= ~bit;
    return (lr & ~LR_STATE_MASK) | pend | act;
}

/* Walks the used list registers (all but *free) that hold SPIs; those that
 * empty are added to *free. */
static void resync_lrs(struct vcpu *vcpu, uint32_t *free, bool leaving, struct vgic_effects *e)
{
    uint32_t all = lr_all();

    for (uint32_t used = all & ~*free; used; used &= used - 1) {
        unsigned i = (unsigned)__builtin_ctz(used);
        uint64_t lr = lr_read(i), next;

        if (!is_spi_lr(lr))
            continue;
        next = update_lr(vcpu, lr, leaving, e);
        if (next != lr)
            lr_write(i, next);
        if (!next)
            *free |= 1u << i;
    }
}

/* SPIs backed by a physical interrupt that this vCPU placed and whose list
 * register has emptied: the guest ended them, and the hardware deactivated
 * the physical interrupt without telling anyone (the HW bit asks for no
 * maintenance interrupt). Looked for only when a flush has SPI work, which
 * such an SPI firing again always brings. */
static void reap_hw(struct vcpu *vcpu, struct vgic_effects *e)
{
    struct vgic_dist *d = &vcpu->vm->arch.dist;
    vgic_spis_t mine = 0, live = 0;
    uint32_t all = lr_all();

    for (vgic_spis_t held = d->in_lr & d->hw; held; held &= held - 1) {
        unsigned spi = (unsigned)__builtin_ctzll(held);

        if (d->owner[spi] == vcpu->id)
            mine |= (vgic_spis_t)1 << spi;
    }
    if (!mine)
        return;
    for (uint32_t used = all & ~lr_empty_mask(); used; used &= used - 1) {
        uint64_t lr = lr_read((unsigned)__builtin_ctz(used));

        if (is_spi_lr(lr) && (lr & LR_HW))
            live |= (vgic_spis_t)1 << ((lr & LR_VINTID_MASK) - SPI_BASE);
    }
    mine &= ~live;
    d->in_lr &= ~mine;
    d->lr_pending &= ~mine;
    d->lr_active &= ~mine;
    e->kick |= mine & atomic_load(&d->pending);
}

/* A list register for an SPI: one backed by a physical interrupt carries
 * it (HW bit: the guest's deactivation is the physical one's, and there is
 * no maintenance interrupt); the others ask to hear of their end (EOI). */
static uint64_t spi_lr(const struct vgic_dist *d, unsigned spi)
{
    uint64_t v = vgic_lr_value(SPI_BASE + spi, d->priority[spi]);

    if (d->hw >> spi & 1)
        return v | LR_HW | (uint64_t)d->pintid[spi] << LR_PINTID_SHIFT;
    return v | LR_EOI;
}

/* Returns true if some SPI routed here found no free list register. */
static bool place_spis(struct vcpu *vcpu, uint32_t *free)
{
    struct vgic_dist *d = &vcpu->vm->arch.dist;
    vgic_spis_t want =
        deliverable(vcpu->vm, vcpu->id) & atomic_load(&d->pending) & ~d->in_lr & ~d->active;

    for (; want && *free; *free &= *free - 1) {
        unsigned spi = (unsigned)__builtin_ctzll(want);
        vgic_spis_t bit = (vgic_spis_t)1 << spi;

        want &= want - 1;
        lr_write((unsigned)__builtin_ctz(*free), spi_lr(d, spi));
        atomic_fetch_and(&d->pending, ~bit);
        d->in_lr |= bit;
        d->lr_pending |= bit;
        d->lr_active &= ~bit; /* placed pending: taken only once seen so */
        d->owner[spi] = (uint8_t)vcpu->id;
        vcpu->irqs_injected++;
    }
    return want != 0;
}

bool vgic_spi_work(const struct vcpu *vcpu)
{
    const struct vgic_dist *d = &vcpu->vm->arch.dist;

    return atomic_load_explicit(&vcpu->arch.vgic.resync, memory_order_relaxed) ||
           (atomic_load_explicit(&d->pending, memory_order_relaxed) &
            deliverable(vcpu->vm, vcpu->id));
}

bool vgic_spi_flush(struct vcpu *vcpu, uint32_t *free)
{
    struct vgic_dist *d = &vcpu->vm->arch.dist;
    struct vgic_effects e = {0};
    bool waiting;

    spin_lock(&d->lock);
    atomic_store_explicit(&vcpu->arch.vgic.resync, false, memory_order_relaxed);
    resync_lrs(vcpu, free, false, &e);
    reap_hw(vcpu, &e);
    waiting = place_spis(vcpu, free);
    spin_unlock(&d->lock);
    vgic_spi_tell(vcpu->vm, &e, vcpu); /* what is for this vCPU was just placed */
    return waiting;
}

void vgic_spi_sync(struct vcpu *vcpu)
{
    struct vgic_dist *d = &vcpu->vm->arch.dist;
    struct vgic_effects e = {0};
    uint32_t free = lr_empty_mask();

    spin_lock(&d->lock);
    resync_lrs(vcpu, &free, false, &e);
    spin_unlock(&d->lock);
    vgic_spi_tell(vcpu->vm, &e, NULL);
}

void vgic_spi_release(struct vcpu *vcpu)
{
    struct vgic_dist *d = &vcpu->vm->arch.dist;
    struct vgic_effects e = {0};
    uint32_t free = lr_empty_mask();

    spin_lock(&d->lock);
    atomic_store_explicit(&vcpu->arch.vgic.resync, false, memory_order_relaxed);
    resync_lrs(vcpu, &free, true, &e);
    spin_unlock(&d->lock);
    vgic_spi_tell(vcpu->vm, &e, vcpu);
}

void vgic_inject_spi(struct vm *vm, unsigned intid)
{
    unsigned t;

    if (intid < SPI_BASE || intid >= VGIC_NR_IRQS)
        return;
    atomic_fetch_or(&vm->arch.dist.pending, (vgic_spis_t)1 << (intid - SPI_BASE));
    t = atomic_load(&vm->arch.dist.target[intid - SPI_BASE]);
    if (t < vm->config.nr_vcpus)
        vcpu_kick(&vm->vcpus[t]);
}

/* ---- changes from the distributor's registers, under d->lock ---------- */

void vgic_spi_enable(struct vm *vm, vgic_spis_t spis, bool on, struct vgic_effects *e)
{
    struct vgic_dist *d = &vm->arch.dist;

    if (on) {
        vgic_spis_t was = atomic_fetch_or(&d->enabled, spis);

        e->kick |= spis & ~was & atomic_load(&d->pending);
    } else {
        /* Delivered but not yet taken: withdrawn, as disabling an
         * interrupt stops its forwarding to the CPU interface. */
        atomic_fetch_and(&d->enabled, ~spis);
        resync_owners(vm, spis & d->in_lr & d->lr_pending, e);
    }
}

void vgic_spi_pend(struct vm *vm, vgic_spis_t spis, bool on, struct vgic_effects *e)
{
    struct vgic_dist *d = &vm->arch.dist;

    if (on) {
        atomic_fetch_or(&d->pending, spis);
        e->kick |= spis;
    } else {
        vgic_spis_t held = spis & d->in_lr & d->lr_pending;
        vgic_spis_t dropped = atomic_fetch_and(&d->pending, ~spis) & spis & d->hw;

        /* A physical interrupt acknowledged for the guest and withdrawn
         * before it reached a list register: ended, or it never fires
         * again. */
        for (; dropped; dropped &= dropped - 1)
            gic_deactivate(d->pintid[__builtin_ctzll(dropped)]);
        d->unpend |= held;
        resync_owners(vm, held, e);
    }
}

void vgic_spi_activate(struct vm *vm, vgic_spis_t spis, bool on, struct vgic_effects *e)
{
    struct vgic_dist *d = &vm->arch.dist;
    vgic_spis_t held = spis & d->in_lr;

    if (on) {
        d->active |= spis & ~held;
        d->activate |= held;
        d->unactive &= ~held;
    } else {
        d->active &= ~spis;
        d->unactive |= held;
        d->activate &= ~held;
        e->kick |= spis & ~held & atomic_load(&d->pending); /* no longer held back */
    }
    resync_owners(vm, held, e);
}

/* The vCPU whose affinity (MPIDR Aff3.Aff2.Aff1.Aff0) GICD_IROUTER names. */
static unsigned vcpu_of(const struct vm *vm, uint64_t irouter)
{
    uint64_t aff = irouter & VGIC_IROUTER_AFF;

    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        uint64_t mpidr = vm->vcpus[i].arch.vmpidr;

        if (((mpidr & 0xffffff) | (mpidr & 0xff00000000ull)) == aff)
            return i;
    }
    return VGIC_NO_TARGET;
}

void vgic_spi_route(struct vm *vm, unsigned spi, uint64_t irouter, struct vgic_effects *e)
{
    struct vgic_dist *d = &vm->arch.dist;
    vgic_spis_t bit = (vgic_spis_t)1 << spi;
    unsigned from = atomic_load(&d->target[spi]), to = vcpu_of(vm, irouter);

    d->irouter[spi] = irouter & VGIC_IROUTER_AFF;
    if (to == from)
        return;
    /* The physical interrupt follows: it is taken where its vCPU runs. */
    if ((d->hw & bit) && to != VGIC_NO_TARGET)
        gic_route_spi(d->pintid[spi], vm->vcpus[to].pcpu);
    if (from != VGIC_NO_TARGET)
        atomic_fetch_and(&d->routed[from], ~bit);
    if (to != VGIC_NO_TARGET)
        atomic_fetch_or(&d->routed[to], bit);
    atomic_store(&d->target[spi], (uint8_t)to);
    if (atomic_load(&d->pending) & bit)
        e->kick |= bit;
    /* Delivered to the old target but not yet taken: it moves. */
    if ((d->in_lr & d->lr_pending & bit) && d->owner[spi] != to)
        resync_owners(vm, bit, e);
}

/* The state of SPIs held in list registers: exact for those the accessing
 * vCPU holds (its list registers are the live ones on this pCPU), and
 * recorded as seen; another vCPU's as last seen, by that vCPU's last exit
 * that looked or its own last look: an SPI placed pending and not seen
 * taken since reads pending, not active, as on a real distributor. The
 * caller holds d->lock. */
static void lr_state(struct vm *vm, const struct vcpu *self, vgic_spis_t *pend, vgic_spis_t *act)
{
    struct vgic_dist *d = &vm->arch.dist;
    uint32_t all = lr_all();

    *pend = d->lr_pending;
    *act = d->lr_active;
    if (!self)
        return;
    /* The caller's own: only what its live list registers say. One the
     * guest has just ended is in an empty list register, whose EOI
     * maintenance interrupt has not been taken yet: neither pending nor
     * active any more. */
    for (vgic_spis_t mine = d->in_lr; mine; mine &= mine - 1) {
        unsigned spi = (unsigned)__builtin_ctzll(mine);

        if (d->owner[spi] == self->id) {
            *pend &= ~((vgic_spis_t)1 << spi);
            *act &= ~((vgic_spis_t)1 << spi);
        }
    }
    for (uint32_t used = all & ~lr_empty_mask(); used; used &= used - 1) {
        uint64_t lr = lr_read((unsigned)__builtin_ctz(used));
        unsigned spi;
        vgic_spis_t bit;

        if (!is_spi_lr(lr))
            continue;
        spi = (unsigned)(lr & LR_VINTID_MASK) - SPI_BASE;
        bit = (vgic_spis_t)1 << spi;
        if (!(d->in_lr & bit) || d->owner[spi] != self->id)
            continue;
        *pend = (lr & LR_PENDING) ? *pend | bit : *pend & ~bit;
        *act = (lr & LR_ACTIVE) ? *act | bit : *act & ~bit;
        d->lr_pending = (d->lr_pending & ~bit) | (*pend & bit);
        d->lr_active = (d->lr_active & ~bit) | (*act & bit);
    }
}

vgic_spis_t vgic_spi_pending(struct vm *vm, const struct vcpu *self)
{
    vgic_spis_t pend, act;

    lr_state(vm, self, &pend, &act);
    return atomic_load(&vm->arch.dist.pending) | pend;
}

vgic_spis_t vgic_spi_active(struct vm *vm, const struct vcpu *self)
{
    vgic_spis_t pend, act;

    lr_state(vm, self, &pend, &act);
    return vm->arch.dist.active | act;
}

void vgic_spi_reset(struct vm *vm)
{
    struct vgic_dist *d = &vm->arch.dist;

    /* Physical interrupts acknowledged for the guest and still waiting in
     * the distributor: nobody will end them now. */
    for (vgic_spis_t held = atomic_load(&d->pending) & d->hw; held; held &= held - 1)
        gic_deactivate(d->pintid[__builtin_ctzll(held)]);
    d->lock = (spinlock_t)SPINLOCK_INIT;
    atomic_store(&d->ctlr, 0);
    atomic_store(&d->pending, 0);
    atomic_store(&d->enabled, 0);
    /* GICD_IROUTER resets to 0 here: affinity 0.0.0.0, vCPU 0. */
    for (unsigned i = 0; i < MAX_VCPUS; i++)
        atomic_store(&d->routed[i], i == 0 ? ~(vgic_spis_t)0 : 0);
    for (unsigned i = 0; i < VGIC_NR_SPIS; i++) {
        atomic_store(&d->target[i], 0);
        d->owner[i] = 0;
        d->irouter[i] = 0;
        d->priority[i] = 0;
    }
    d->active = d->in_lr = d->lr_pending = d->lr_active = 0;
    d->unpend = d->unactive = d->activate = 0;
    memset(d->config, 0, sizeof(d->config));
    /* The physical interrupts go back to vCPU 0's pCPU with the routes. */
    for (vgic_spis_t hw = d->hw; hw; hw &= hw - 1)
        gic_route_spi(d->pintid[__builtin_ctzll(hw)], vm->vcpus[0].pcpu);
}

int vgic_bind_hw(struct vm *vm, unsigned virq, unsigned pintid)
{
    struct vgic_dist *d = &vm->arch.dist;
    unsigned spi = virq - SPI_BASE;

    if (virq < SPI_BASE || virq >= VGIC_NR_IRQS || (d->hw >> spi & 1))
        return -EINVAL;
    spin_lock(&d->lock);
    d->pintid[spi] = (uint16_t)pintid;
    d->hw |= (vgic_spis_t)1 << spi;
    spin_unlock(&d->lock);
    return 0;
}

void vgic_unbind_hw(struct vm *vm)
{
    struct vgic_dist *d = &vm->arch.dist;

    d->hw = 0;
    memset(d->pintid, 0, sizeof(d->pintid));
}
