/* The virtual GICv3's distributor registers (GICD_*), with affinity routing
 * always on. The SPIs' state behind them is vgic_spi.c's.
 *
 * GICD_IROUTER names one vCPU by its affinity; the 1-of-N mode
 * (Interrupt_Routing_Mode = 1, "any participating PE") is not offered:
 * GICD_TYPER.No1N says so and the bit is RAZ/WI, as the architecture allows.
 * A partition's vCPUs are few and pinned, so spreading an SPI over them buys
 * nothing, while choosing a vCPU at every delivery would cost the exit path
 * and every vCPU's list registers a second owner to reckon with. Linux
 * always writes a single affinity. */
#include <septum/vm.h>
#include <arch/vgic_internal.h>

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IROUTER 0x6000
#define GICD_PIDR2 0xffe8
#define GICD_CTLR_ARE (1u << 4)
#define GICD_TYPER_NO1N (1u << 25)
#define GICD_TYPER_IDBITS(bits) (((bits)-1u) << 19)

/* The 32-bit register covering SPIs 32-63 in a bank of one bit per INTID. */
#define SPI_BANK(reg) ((reg) + 4)

static bool is_spi_router(uint64_t off)
{
    return off >= GICD_IROUTER + 8 * 32 && off < GICD_IROUTER + 8 * VGIC_NR_IRQS;
}

/* 64-bit, or 32-bit to either half. */
static void access_router(struct vm *vm, uint64_t off, unsigned size, bool write, uint64_t *value,
                          struct vgic_effects *e)
{
    unsigned spi = (unsigned)(off - GICD_IROUTER) / 8 - 32;
    unsigned shift = (unsigned)(off & 4) * 8;
    uint64_t mask = size == 8 ? ~0ull : 0xffffffffull << shift;
    uint64_t old = vm->arch.dist.irouter[spi];

    if (size != 4 && (size != 8 || shift))
        return; /* other sizes: RAZ/WI */
    if (write)
        vgic_spi_route(vm, spi, (old & ~mask) | (*value << shift & mask), e);
    else
        *value = (old & mask) >> shift;
}

static void write_ctlr(struct vm *vm, uint32_t v)
{
    uint32_t was = atomic_exchange(&vm->arch.dist.ctlr, v & GICD_CTLR_GRP1);

    /* Interrupts held back while the group was off, private ones
     * included, may go now: every vCPU looks. */
    if ((v & GICD_CTLR_GRP1) && !(was & GICD_CTLR_GRP1)) {
        for (unsigned i = 0; i < vm->config.nr_vcpus; i++)
            vcpu_kick(&vm->vcpus[i]);
    }
}

/* Registers whose value never changes: no lock. */
static bool read_constant(uint64_t off, uint64_t *value)
{
    switch (off) {
    case GICD_TYPER:
        /* 64 INTIDs, 10 INTID bits, no LPIs, no security extensions. */
        *value = (VGIC_NR_IRQS / 32 - 1) | GICD_TYPER_IDBITS(10) | GICD_TYPER_NO1N;
        return true;
    case GICD_IIDR:
        *value = IIDR_SEPTUM;
        return true;
    case GICD_PIDR2:
        *value = PIDR2_GICV3;
        return true;
    case SPI_BANK(GICD_IGROUPR):
        *value = 0xffffffff; /* all SPIs are Group 1, RAO/WI */
        return true;
    default:
        return false;
    }
}

/* The registers backed by state, with the lock held. */
static void access_locked(struct vm *vm, struct vcpu *self, uint64_t off, unsigned size, bool write,
                          uint64_t *value, struct vgic_effects *e)
{
    struct vgic_dist *d = &vm->arch.dist;
    uint32_t v = (uint32_t)*value;

    switch (off) {
    case SPI_BANK(GICD_ISENABLER):
    case SPI_BANK(GICD_ICENABLER):
        if (write)
            vgic_spi_enable(vm, v, off == SPI_BANK(GICD_ISENABLER), e);
        else
            *value = atomic_load(&d->enabled);
        return;
    case SPI_BANK(GICD_ISPENDR):
    case SPI_BANK(GICD_ICPENDR):
        if (write)
            vgic_spi_pend(vm, v, off == SPI_BANK(GICD_ISPENDR), e);
        else
            *value = vgic_spi_pending(vm, self);
        return;
    case SPI_BANK(GICD_ISACTIVER):
    case SPI_BANK(GICD_ICACTIVER):
        if (write)
            vgic_spi_activate(vm, v, off == SPI_BANK(GICD_ISACTIVER), e);
        else
            *value = vgic_spi_active(vm, self);
        return;
    case GICD_ICFGR + 8:
    case GICD_ICFGR + 12:
        if (write)
            d->config[(off - GICD_ICFGR - 8) / 4] = v;
        else
            *value = d->config[(off - GICD_ICFGR - 8) / 4];
        return;
    default:
        break;
    }
    if (off >= GICD_IPRIORITYR + 32 && off < GICD_IPRIORITYR + VGIC_NR_IRQS)
        vgic_access_priority(d->priority, VGIC_NR_SPIS, off - GICD_IPRIORITYR - 32, size, write,
                             value);
    else if (is_spi_router(off))
        access_router(vm, off, size, write, value, e);
    /* Everything else (SGIs and PPIs live in the redistributors under
     * affinity routing, reserved space): RAZ/WI. */
}

int vgic_dist_access(void *opaque, struct vcpu *vcpu, uint64_t off, unsigned size, bool write,
                     uint64_t *value)
{
    struct vm *vm = opaque;
    struct vgic_effects e = {0};

    if (!write) {
        *value = 0;
        if (read_constant(off, value))
            return 0;
    }
    if (off == GICD_CTLR) {
        if (write)
            write_ctlr(vm, (uint32_t)*value);
        else
            *value = atomic_load(&vm->arch.dist.ctlr) | GICD_CTLR_ARE;
        return 0;
    }
    spin_lock(&vm->arch.dist.lock);
    access_locked(vm, vcpu, off, size, write, value, &e);
    spin_unlock(&vm->arch.dist.lock);
    vgic_spi_tell(vm, &e, NULL);
    return 0;
}
