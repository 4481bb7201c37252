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

/* In a bank of one bit per INTID, the 32-bit registers after the first
 * (SGIs and PPIs, in the redistributors) cover the SPIs: register n of
 * those is bits 32n.. of an SPI set. */
#define SPI_REGS (VGIC_NR_SPIS / 32)

/* Which bank of SPI registers off is in (base), and which of them (*n). */
static uint64_t spi_bank(uint64_t off, unsigned *n)
{
    static const uint64_t banks[] = {GICD_IGROUPR, GICD_ISENABLER, GICD_ICENABLER, GICD_ISPENDR,
                                     GICD_ICPENDR, GICD_ISACTIVER, GICD_ICACTIVER};

    for (unsigned i = 0; i < sizeof(banks) / sizeof(banks[0]); i++) {
        if (off >= banks[i] + 4 && off < banks[i] + 4 + 4 * SPI_REGS) {
            *n = (unsigned)(off - banks[i] - 4) / 4;
            return banks[i];
        }
    }
    return 0;
}

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
        /* VGIC_NR_IRQS INTIDs, 10 INTID bits, no LPIs, no security extensions. */
        *value = (VGIC_NR_IRQS / 32 - 1) | GICD_TYPER_IDBITS(10) | GICD_TYPER_NO1N;
        return true;
    case GICD_IIDR:
        *value = IIDR_SEPTUM;
        return true;
    case GICD_PIDR2:
        *value = PIDR2_GICV3;
        return true;
    default:
        if (off >= GICD_IGROUPR + 4 && off < GICD_IGROUPR + 4 + 4 * SPI_REGS) {
            *value = 0xffffffff; /* all SPIs are Group 1, RAO/WI */
            return true;
        }
        return false;
    }
}

/* The registers backed by state, with the lock held. */
static void access_locked(struct vm *vm, struct vcpu *self, uint64_t off, unsigned size, bool write,
                          uint64_t *value, struct vgic_effects *e)
{
    struct vgic_dist *d = &vm->arch.dist;
    unsigned n;
    uint64_t bank = size == 4 ? spi_bank(off, &n) : 0;
    vgic_spis_t v = (vgic_spis_t)(uint32_t)*value << 32 * n, all = 0;

    switch (bank) {
    case GICD_ISENABLER:
    case GICD_ICENABLER:
        if (write)
            vgic_spi_enable(vm, v, bank == GICD_ISENABLER, e);
        else
            all = atomic_load(&d->enabled);
        break;
    case GICD_ISPENDR:
    case GICD_ICPENDR:
        if (write)
            vgic_spi_pend(vm, v, bank == GICD_ISPENDR, e);
        else
            all = vgic_spi_pending(vm, self);
        break;
    case GICD_ISACTIVER:
    case GICD_ICACTIVER:
        if (write)
            vgic_spi_activate(vm, v, bank == GICD_ISACTIVER, e);
        else
            all = vgic_spi_active(vm, self);
        break;
    default:
        break;
    }
    if (bank) {
        if (!write)
            *value = (uint32_t)(all >> 32 * n);
        return;
    }
    if (size == 4 && off >= GICD_ICFGR + 8 && off < GICD_ICFGR + 8 + 4 * (VGIC_NR_SPIS / 16)) {
        uint32_t *cfg = &d->config[(off - GICD_ICFGR - 8) / 4];

        if (write)
            *cfg = (uint32_t)*value;
        else
            *value = *cfg;
        return;
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
