/* The virtual GICv3: emulated distributor and redistributors; the CPU
 * interface is the hardware's (ICV registers), fed through list registers.
 * Interrupts wait in a per-vCPU pending bitmap until a list register is free;
 * when none is, the underflow maintenance interrupt brings the vCPU back to
 * refill them. Interrupts 0-63: SGIs, PPIs and 32 SPIs. */
#include <septum/config.h>
#include <septum/devmgr.h>
#include <septum/errno.h>
#include <septum/hal.h>
#include <septum/string.h>
#include <septum/vm.h>
#include <arch/sysreg.h>
#include <arch/vgic.h>

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000
#define GICD_PIDR2 0xffe8
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_GRP1 (1u << 1)

#define GICR_CTLR 0x0000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_PIDR2 0xffe8
#define GICR_SGI 0x10000
#define GICR_TYPER_LAST (1u << 4)
#define WAKER_PROCESSOR_SLEEP (1u << 1)
#define WAKER_CHILDREN_ASLEEP (1u << 2)

#define PIDR2_GICV3 0x3b
#define IIDR_SEPTUM 0x0000053bu /* ARM's JEP106 code, product 0 */
#define SGI_CONFIG 0xaaaaaaaau  /* SGIs: edge, read-only */

#define LR_PENDING (1ull << 62)
#define LR_ACTIVE (2ull << 62)
#define LR_STATE_MASK (3ull << 62)
#define LR_GROUP1 (1ull << 60)
#define LR_PRIORITY_SHIFT 48
#define ICH_HCR_EN 1ull
#define ICH_HCR_UIE 2ull

/* ---- list registers ---------------------------------------------------- */

static unsigned nr_lrs(void)
{
    return (unsigned)(read_sysreg(S3_4_C12_C11_1) & 0xf) + 1; /* ICH_VTR_EL2.ListRegs */
}

static uint64_t lr_read(unsigned n)
{
    switch (n) {
    case 0:
        return read_sysreg(S3_4_C12_C12_0);
    case 1:
        return read_sysreg(S3_4_C12_C12_1);
    case 2:
        return read_sysreg(S3_4_C12_C12_2);
    case 3:
        return read_sysreg(S3_4_C12_C12_3);
    case 4:
        return read_sysreg(S3_4_C12_C12_4);
    case 5:
        return read_sysreg(S3_4_C12_C12_5);
    case 6:
        return read_sysreg(S3_4_C12_C12_6);
    case 7:
        return read_sysreg(S3_4_C12_C12_7);
    default:
        return 0; /* Septum uses at most eight */
    }
}

static void lr_write(unsigned n, uint64_t v)
{
    switch (n) {
    case 0:
        write_sysreg(S3_4_C12_C12_0, v);
        break;
    case 1:
        write_sysreg(S3_4_C12_C12_1, v);
        break;
    case 2:
        write_sysreg(S3_4_C12_C12_2, v);
        break;
    case 3:
        write_sysreg(S3_4_C12_C12_3, v);
        break;
    case 4:
        write_sysreg(S3_4_C12_C12_4, v);
        break;
    case 5:
        write_sysreg(S3_4_C12_C12_5, v);
        break;
    case 6:
        write_sysreg(S3_4_C12_C12_6, v);
        break;
    case 7:
        write_sysreg(S3_4_C12_C12_7, v);
        break;
    default:
        break;
    }
}

/* List registers are read on every injection: count them once. */
static unsigned usable_lrs(void)
{
    static unsigned count;

    if (!count) {
        unsigned n = nr_lrs();

        count = n > 8 ? 8 : n;
    }
    return count;
}

void vgic_clear_hw(void)
{
    for (unsigned i = 0; i < usable_lrs(); i++)
        lr_write(i, 0);
    write_sysreg(S3_4_C12_C8_0, 0);  /* ICH_AP0R0_EL2 */
    write_sysreg(S3_4_C12_C9_0, 0);  /* ICH_AP1R0_EL2 */
    write_sysreg(S3_4_C12_C11_7, 0); /* ICH_VMCR_EL2 */
    write_sysreg(S3_4_C12_C11_0, ICH_HCR_EN);
    isb();
}

void vgic_maintenance(struct vcpu *vcpu)
{
    write_sysreg(S3_4_C12_C11_0, ICH_HCR_EN); /* vgic_flush() re-arms if needed */
    if (vcpu)
        atomic_store_explicit(&vcpu->attention, true, memory_order_relaxed);
}

static uint8_t priority_of(const struct vcpu *vcpu, unsigned intid)
{
    if (intid < 32)
        return vcpu->arch.vgic.priority[intid];
    return vcpu->vm->arch.dist.spi_priority[intid - 32];
}

static uint64_t enabled_mask(const struct vcpu *vcpu)
{
    const struct vm *vm = vcpu->vm;
    uint64_t mask = vcpu->arch.vgic.enabled;

    if (vm->arch.dist.ctlr & GICD_CTLR_GRP1)
        mask |= (uint64_t)vm->arch.dist.spi_enabled << 32;
    else
        mask = 0;
    return mask;
}

/* Interrupts already in list registers are merged into them; one the guest
 * is still handling becomes pending again behind itself, as a
 * level-sensitive line raised again would. Returns the interrupts taken. */
static uint64_t merge_into_lrs(uint64_t pending, uint32_t occupied)
{
    uint64_t taken = 0;

    for (; occupied; occupied &= occupied - 1) {
        unsigned i = (unsigned)__builtin_ctz(occupied);
        uint64_t lr = lr_read(i);
        uint64_t intid = lr & 0xffffffffu;

        if (intid >= VGIC_NR_IRQS || !(pending & (1ull << intid)))
            continue;
        if ((lr & LR_STATE_MASK) == LR_ACTIVE)
            lr_write(i, lr | LR_PENDING);
        taken |= 1ull << intid;
    }
    return taken;
}

void vgic_flush(struct vcpu *vcpu)
{
    uint64_t pending = atomic_load_explicit(&vcpu->arch.vgic.pending, memory_order_relaxed) &
                       enabled_mask(vcpu);
    uint32_t all = (1u << usable_lrs()) - 1;
    uint32_t empty;
    uint64_t taken;

    if (!pending)
        return;
    empty = (uint32_t)read_sysreg(S3_4_C12_C11_5) & all; /* ICH_ELRSR_EL2 */
    taken = empty == all ? 0 : merge_into_lrs(pending, all & ~empty);
    pending &= ~taken;
    for (; pending && empty; empty &= empty - 1) {
        unsigned i = (unsigned)__builtin_ctz(empty);
        unsigned intid = (unsigned)__builtin_ctzll(pending);

        pending &= pending - 1;
        taken |= 1ull << intid;
        lr_write(i, LR_PENDING | LR_GROUP1 |
                        (uint64_t)priority_of(vcpu, intid) << LR_PRIORITY_SHIFT | intid);
        vcpu->irqs_injected++;
    }
    atomic_fetch_and_explicit(&vcpu->arch.vgic.pending, ~taken, memory_order_relaxed);
    /* Still waiting: ask for a maintenance interrupt when the LRs drain, and
     * look again on the next exit. */
    write_sysreg(S3_4_C12_C11_0, pending ? ICH_HCR_EN | ICH_HCR_UIE : ICH_HCR_EN);
    if (pending)
        atomic_store_explicit(&vcpu->attention, true, memory_order_relaxed);
}

void vgic_inject(struct vcpu *vcpu, unsigned intid)
{
    if (intid >= VGIC_NR_IRQS)
        return;
    atomic_fetch_or(&vcpu->arch.vgic.pending, 1ull << intid);
    vcpu_kick(vcpu);
}

void vgic_inject_spi(struct vm *vm, unsigned intid)
{
    unsigned target;

    if (intid < 32 || intid >= VGIC_NR_IRQS)
        return;
    target = vm->arch.dist.spi_target[intid - 32];
    vgic_inject(&vm->vcpus[target < vm->config.nr_vcpus ? target : 0], intid);
}

void vgic_inject_local(struct vcpu *vcpu, unsigned intid)
{
    uint32_t all = (1u << usable_lrs()) - 1;

    /* The common case, all list registers free: straight into the first,
     * with no bitmap, no flag and no second look at the others. */
    if (intid < VGIC_NR_IRQS && (enabled_mask(vcpu) >> intid & 1) &&
        ((uint32_t)read_sysreg(S3_4_C12_C11_5) & all) == all) {
        lr_write(0, LR_PENDING | LR_GROUP1 |
                        (uint64_t)priority_of(vcpu, intid) << LR_PRIORITY_SHIFT | intid);
        vcpu->irqs_injected++;
        return;
    }
    vgic_inject(vcpu, intid);
}

void arch_inject_irq(struct vcpu *vcpu, unsigned intid)
{
    vgic_inject(vcpu, intid);
}

void vgic_send_sgi(struct vcpu *from, uint64_t sgi1r)
{
    struct vm *vm = from->vm;
    unsigned intid = (sgi1r >> 24) & 0xf;
    bool broadcast = (sgi1r >> 40) & 1; /* IRM: all but self */
    uint64_t aff =
        (sgi1r >> 16 & 0xff) << 8 | (sgi1r >> 32 & 0xff) << 16 | (sgi1r >> 48 & 0xff) << 32;
    unsigned range = (unsigned)(sgi1r >> 44 & 0xf) * 16;

    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        struct vcpu *target = &vm->vcpus[i];
        uint64_t mpidr = target->arch.vmpidr & 0xff00ffffffull;
        unsigned aff0 = mpidr & 0xff;
        bool hit;

        if (broadcast)
            hit = target != from;
        else
            hit = (mpidr & ~0xffull) == aff && aff0 >= range && aff0 < range + 16 &&
                  (sgi1r >> (aff0 - range) & 1);
        if (hit && target == from)
            vgic_inject_local(target, intid);
        else if (hit)
            vgic_inject(target, intid);
    }
}

/* ---- register helpers shared by distributor and redistributor ---------- */

/* Byte-wise priority registers; 8- and 32-bit accesses. */
static void access_priority(uint8_t *prio, unsigned count, uint64_t offset, unsigned size,
                            bool write, uint64_t *value)
{
    if (offset + size > count) {
        if (!write)
            *value = 0;
        return;
    }
    for (unsigned i = 0; i < size; i++) {
        if (write)
            prio[offset + i] = (uint8_t)(*value >> (8 * i));
        else
            *value |= (uint64_t)prio[offset + i] << (8 * i);
    }
}

/* Set/clear-enable and set/clear-pending registers over a 32-bit bank. */
static uint32_t bank_access(uint32_t *bank, bool set, bool write, uint64_t v)
{
    if (write) {
        if (set)
            *bank |= (uint32_t)v;
        else
            *bank &= ~(uint32_t)v;
    }
    return *bank;
}

static void pending_write(struct vcpu *vcpu, unsigned first, bool set, uint32_t bits)
{
    for (unsigned i = 0; i < 32; i++) {
        if (!(bits >> i & 1))
            continue;
        if (set)
            vgic_inject(vcpu, first + i);
        else
            atomic_fetch_and(&vcpu->arch.vgic.pending, ~(1ull << (first + i)));
    }
}

/* ---- distributor ------------------------------------------------------- */

static int gicd_access(void *opaque, struct vcpu *vcpu, uint64_t off, unsigned size, bool write,
                       uint64_t *value)
{
    struct vm *vm = opaque;
    struct vgic_dist *d = &vm->arch.dist;
    uint64_t v = write ? *value : 0;

    (void)vcpu;
    if (!write)
        *value = 0;
    spin_lock(&d->lock);
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + VGIC_NR_IRQS) {
        if (off >= GICD_IPRIORITYR + 32)
            access_priority(d->spi_priority, VGIC_NR_SPIS, off - GICD_IPRIORITYR - 32, size, write,
                            value);
    } else if (off >= GICD_IROUTER + 8 * 32 && off < GICD_IROUTER + 8 * VGIC_NR_IRQS) {
        unsigned spi = (unsigned)(off - GICD_IROUTER) / 8 - 32;

        if (write)
            d->spi_target[spi] = (uint8_t)(v & 0xff); /* Aff0 = vCPU index */
        else
            *value = d->spi_target[spi];
    } else if (off == GICD_CTLR) {
        if (write)
            d->ctlr = (uint32_t)v & GICD_CTLR_GRP1;
        *value = d->ctlr | GICD_CTLR_ARE;
    } else if (off == GICD_TYPER) {
        /* 64 INTIDs, 10 INTID bits, no LPIs, no security extensions. */
        *value = (VGIC_NR_IRQS / 32 - 1) | 9u << 19;
    } else if (off == GICD_IIDR) {
        *value = IIDR_SEPTUM;
    } else if (off == GICD_IGROUPR + 4) {
        *value = 0xffffffff; /* all SPIs are Group 1, RAO/WI */
    } else if (off == GICD_ISENABLER + 4 || off == GICD_ICENABLER + 4) {
        *value = bank_access(&d->spi_enabled, off == GICD_ISENABLER + 4, write, v);
    } else if (off == GICD_ISPENDR + 4 || off == GICD_ICPENDR + 4) {
        if (write)
            pending_write(&vm->vcpus[0], 32, off == GICD_ISPENDR + 4, (uint32_t)v);
        else
            *value = (uint32_t)(atomic_load(&vm->vcpus[0].arch.vgic.pending) >> 32);
    } else if (off == GICD_ICFGR + 8 || off == GICD_ICFGR + 12) {
        unsigned i = (unsigned)(off - GICD_ICFGR - 8) / 4;

        if (write)
            d->spi_config[i] = (uint32_t)v;
        *value = d->spi_config[i];
    } else if (off == GICD_PIDR2) {
        *value = PIDR2_GICV3;
    }
    /* Everything else: reserved or unimplemented, RAZ/WI. */
    spin_unlock(&d->lock);
    if (write && (off == GICD_CTLR || off == GICD_ISENABLER + 4))
        vcpu_kick(&vm->vcpus[0]); /* newly enabled interrupts may be pending */
    return 0;
}

/* ---- redistributors: one 128 KiB frame pair per vCPU ----------------- */

static int gicr_rd_access(struct vcpu *target, uint64_t off, bool write, uint64_t *value)
{
    struct vgic_cpu *c = &target->arch.vgic;

    switch (off) {
    case GICR_TYPER: {
        uint64_t mpidr = target->arch.vmpidr;
        uint64_t aff = (mpidr & 0xffffff) | (mpidr >> 32 & 0xff) << 24;
        bool last = target->id + 1 == target->vm->config.nr_vcpus;

        *value = aff << 32 | (uint64_t)target->id << 8 | (last ? GICR_TYPER_LAST : 0);
        break;
    }
    case GICR_WAKER:
        if (write)
            c->sleeping = *value & WAKER_PROCESSOR_SLEEP;
        else
            *value = c->sleeping ? WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP : 0;
        break;
    case GICR_IIDR:
        *value = IIDR_SEPTUM;
        break;
    case GICR_PIDR2:
        *value = PIDR2_GICV3;
        break;
    default: /* GICR_CTLR and the rest: no LPIs, RAZ/WI */
        if (!write)
            *value = 0;
        break;
    }
    return 0;
}

static int gicr_sgi_access(struct vcpu *target, uint64_t off, unsigned size, bool write,
                           uint64_t *value)
{
    struct vgic_cpu *c = &target->arch.vgic;
    uint64_t v = write ? *value : 0;

    if (!write)
        *value = 0;
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 32) {
        access_priority(c->priority, 32, off - GICD_IPRIORITYR, size, write, value);
    } else if (off == GICD_IGROUPR) {
        *value = 0xffffffff;
    } else if (off == GICD_ISENABLER || off == GICD_ICENABLER) {
        *value = bank_access(&c->enabled, off == GICD_ISENABLER, write, v);
        if (write)
            vcpu_kick(target);
    } else if (off == GICD_ISPENDR || off == GICD_ICPENDR) {
        if (write)
            pending_write(target, 0, off == GICD_ISPENDR, (uint32_t)v);
        else
            *value = (uint32_t)atomic_load(&c->pending);
    } else if (off == GICD_ICFGR) {
        *value = SGI_CONFIG;
    }
    /* ICFGR1 (PPIs: level), active and group-modifier registers: RAZ/WI. */
    return 0;
}

static int gicr_access(void *opaque, struct vcpu *vcpu, uint64_t off, unsigned size, bool write,
                       uint64_t *value)
{
    struct vm *vm = opaque;
    unsigned index = (unsigned)(off / GUEST_GICR_STRIDE);

    (void)vcpu;
    if (index >= vm->config.nr_vcpus)
        return -ENODEV;
    off %= GUEST_GICR_STRIDE;
    if (off >= GICR_SGI)
        return gicr_sgi_access(&vm->vcpus[index], off - GICR_SGI, size, write, value);
    return gicr_rd_access(&vm->vcpus[index], off, write, value);
}

void vgic_vm_reset(struct vm *vm)
{
    struct vgic_dist *d = &vm->arch.dist;

    *d = (struct vgic_dist){.lock = SPINLOCK_INIT};
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        struct vgic_cpu *c = &vm->vcpus[i].arch.vgic;

        atomic_store(&c->pending, 0);
        c->enabled = 0;
        memset(c->priority, 0, sizeof(c->priority));
        c->sleeping = true;
    }
}

int vgic_vm_init(struct vm *vm)
{
    int err;

    vgic_vm_reset(vm);
    err = devmgr_register(&vm->devices, GUEST_GICD_BASE, GUEST_GICD_SIZE, gicd_access, vm,
                          "gicv3-dist");
    if (!err)
        err =
            devmgr_register(&vm->devices, GUEST_GICR_BASE, GUEST_GICR_STRIDE * vm->config.nr_vcpus,
                            gicr_access, vm, "gicv3-redist");
    return err;
}
