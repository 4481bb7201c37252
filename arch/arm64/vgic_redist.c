/* The virtual GICv3's redistributors: one 128 KiB frame pair per vCPU, for
 * its SGIs and PPIs. */
#include <septum/config.h>
#include <septum/errno.h>
#include <septum/vm.h>
#include <arch/vgic.h>
#include <arch/vgic_internal.h>

#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_PIDR2 0xffe8
#define GICR_SGI 0x10000
#define GICR_TYPER_LAST (1u << 4)
#define WAKER_PROCESSOR_SLEEP (1u << 1)
#define WAKER_CHILDREN_ASLEEP (1u << 2)
#define SGI_CONFIG 0xaaaaaaaau /* SGIs: edge, read-only */

void vgic_access_priority(uint8_t *prio, unsigned count, uint64_t offset, unsigned size, bool write,
                          uint64_t *value)
{
    if (offset + size > count)
        return; /* reads were zeroed by the caller */
    for (unsigned i = 0; i < size; i++) {
        if (write)
            prio[offset + i] = (uint8_t)(*value >> (8 * i));
        else
            *value |= (uint64_t)prio[offset + i] << (8 * i);
    }
}

static void rd_access(struct vcpu *target, uint64_t off, bool write, uint64_t *value)
{
    struct vgic_cpu *c = &target->arch.vgic;

    switch (off) {
    case GICR_TYPER: {
        uint64_t mpidr = target->arch.vmpidr;
        uint64_t aff = (mpidr & 0xffffff) | (mpidr >> 32 & 0xff) << 24;
        bool last = target->id + 1 == target->vm->config.nr_vcpus;

        if (!write)
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
        if (!write)
            *value = IIDR_SEPTUM;
        break;
    case GICR_PIDR2:
        if (!write)
            *value = PIDR2_GICV3;
        break;
    default: /* GICR_CTLR and the rest: no LPIs, RAZ/WI */
        break;
    }
}

static void pend_private(struct vcpu *target, uint32_t bits, bool set)
{
    if (!set) {
        atomic_fetch_and(&target->arch.vgic.pending, ~bits);
        return;
    }
    for (; bits; bits &= bits - 1)
        vgic_inject(target, (unsigned)__builtin_ctz(bits));
}

/* Private state is written by whichever vCPU of the domain accesses the
 * frame and read by the target's flush: the masks are atomic; a priority
 * is one byte, seen whole either way. */
static void sgi_access(struct vcpu *target, uint64_t off, unsigned size, bool write,
                       uint64_t *value)
{
    struct vgic_cpu *c = &target->arch.vgic;
    uint32_t v = (uint32_t)*value;

    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 32) {
        vgic_access_priority(c->priority, 32, off - GICD_IPRIORITYR, size, write, value);
    } else if (off == GICD_IGROUPR) {
        if (!write)
            *value = 0xffffffff;
    } else if (off == GICD_ISENABLER || off == GICD_ICENABLER) {
        if (!write) {
            *value = atomic_load(&c->enabled);
        } else if (off == GICD_ISENABLER) {
            atomic_fetch_or(&c->enabled, v);
            vcpu_kick(target); /* newly enabled interrupts may be pending */
        } else {
            atomic_fetch_and(&c->enabled, ~v);
        }
    } else if (off == GICD_ISPENDR || off == GICD_ICPENDR) {
        if (write)
            pend_private(target, v, off == GICD_ISPENDR);
        else
            *value = atomic_load(&c->pending);
    } else if (off == GICD_ICFGR) {
        if (!write)
            *value = SGI_CONFIG;
    }
    /* ICFGR1 (PPIs: level), active and group-modifier registers: RAZ/WI. */
}

int vgic_redist_access(void *opaque, struct vcpu *vcpu, uint64_t off, unsigned size, bool write,
                       uint64_t *value)
{
    struct vm *vm = opaque;
    unsigned index = (unsigned)(off / GUEST_GICR_STRIDE);

    (void)vcpu;
    if (index >= vm->config.nr_vcpus)
        return -ENODEV;
    if (!write)
        *value = 0;
    off %= GUEST_GICR_STRIDE;
    if (off >= GICR_SGI)
        sgi_access(&vm->vcpus[index], off - GICR_SGI, size, write, value);
    else
        rd_access(&vm->vcpus[index], off, write, value);
    return 0;
}
