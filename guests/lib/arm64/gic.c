/* GICv3 set-up for one guest. All MMIO uses 32-bit accesses: they are what
 * the architecture guarantees for every register used here and what a
 * hypervisor's emulation is most likely to handle. */
#include <stdbool.h>
#include <septum/errno.h>
#include "gic.h"
#include "timer.h"

#define GICD_CTLR 0x0000
#define GICD_CTLR_ENABLE_GRP0 (1u << 0) /* EnableGrp1 in the non-secure view */
#define GICD_CTLR_ENABLE_GRP1 (1u << 1) /* EnableGrp1A in the non-secure view */
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_RWP (1u << 31)
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_IPRIORITYR 0x0400
#define GICD_IROUTER 0x6000

#define GICR_WAKER 0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)

/* In the SGI/PPI frame. */
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_IPRIORITYR 0x0400

#define ICC_SRE_SRE (1u << 0)

/* How long the GIC may take to acknowledge a configuration change. */
#define GIC_WAIT_MS 1000

static uintptr_t dist_base = GIC_DIST_BASE;
static uintptr_t redist_base = GIC_REDIST_BASE;
static uintptr_t redist_stride = GIC_REDIST_STRIDE;

void gic_set_bases(uintptr_t dist, uintptr_t redist, uintptr_t stride)
{
    dist_base = dist;
    redist_base = redist;
    redist_stride = stride;
}

static volatile uint32_t *mmio32(uintptr_t address)
{
    return (volatile uint32_t *)address;
}

static uintptr_t redist(unsigned cpu)
{
    return redist_base + cpu * redist_stride;
}

/* Waits until (*reg & mask) == want; false on timeout. */
static bool wait_bits(volatile uint32_t *reg, uint32_t mask, uint32_t want)
{
    uint64_t deadline = timer_deadline_ms(GIC_WAIT_MS);

    while ((*reg & mask) != want) {
        if (timer_passed(deadline))
            return false;
        cpu_relax();
    }
    return true;
}

int gic_dist_enable(void)
{
    volatile uint32_t *ctlr = mmio32(dist_base + GICD_CTLR);

    /* ARE must be set while the groups are disabled. Setting both group
     * bits enables group 1 whichever view the guest has: bit 1 without
     * security (DS = 1), bit 0 in a non-secure view. */
    *ctlr = GICD_CTLR_ARE;
    if (!wait_bits(ctlr, GICD_CTLR_RWP, 0))
        return -EBUSY;
    *ctlr = GICD_CTLR_ARE | GICD_CTLR_ENABLE_GRP1 | GICD_CTLR_ENABLE_GRP0;
    return wait_bits(ctlr, GICD_CTLR_RWP, 0) ? 0 : -EBUSY;
}

int gic_redist_wake(unsigned cpu)
{
    volatile uint32_t *waker = mmio32(redist(cpu) + GICR_WAKER);

    *waker &= ~GICR_WAKER_PROCESSOR_SLEEP;
    return wait_bits(waker, GICR_WAKER_CHILDREN_ASLEEP, 0) ? 0 : -EBUSY;
}

void gic_private_irq_enable(unsigned cpu, unsigned intid, uint8_t priority)
{
    uintptr_t sgi = redist(cpu) + GIC_SGI_FRAME;
    volatile uint32_t *prio = mmio32(sgi + GICR_IPRIORITYR + (intid & ~3u));
    unsigned shift = (intid & 3) * 8;

    *mmio32(sgi + GICR_IGROUPR0) |= 1u << intid;
    *prio = (*prio & ~(0xffu << shift)) | (uint32_t)priority << shift;
    *mmio32(sgi + GICR_ISENABLER0) = 1u << intid;
    dsb();
}

/* One bit per INTID, 32 to a register. */
static volatile uint32_t *bank(uintptr_t reg, unsigned intid)
{
    return mmio32(dist_base + reg + 4 * (intid / 32));
}

void gic_spi_route(unsigned intid, uint64_t mpidr)
{
    volatile uint32_t *router = mmio32(dist_base + GICD_IROUTER + 8 * intid);

    /* Aff2.Aff1.Aff0 in the lower word, Aff3 in the upper one. */
    router[0] = (uint32_t)(mpidr & 0xffffff);
    router[1] = (uint32_t)((mpidr >> 32) & 0xff);
    dsb();
}

void gic_spi_configure(unsigned intid, uint8_t priority)
{
    volatile uint32_t *prio = mmio32(dist_base + GICD_IPRIORITYR + (intid & ~3u));
    unsigned shift = (intid & 3) * 8;

    *bank(GICD_IGROUPR, intid) |= 1u << (intid % 32);
    *prio = (*prio & ~(0xffu << shift)) | (uint32_t)priority << shift;
    dsb();
}

void gic_spi_enable(unsigned intid, bool enable)
{
    *bank(enable ? GICD_ISENABLER : GICD_ICENABLER, intid) = 1u << (intid % 32);
    dsb();
}

void gic_spi_set_pending(unsigned intid, bool pending)
{
    *bank(pending ? GICD_ISPENDR : GICD_ICPENDR, intid) = 1u << (intid % 32);
    dsb();
}

bool gic_spi_pending(unsigned intid)
{
    return *bank(GICD_ISPENDR, intid) >> (intid % 32) & 1;
}

bool gic_spi_active(unsigned intid)
{
    return *bank(GICD_ISACTIVER, intid) >> (intid % 32) & 1;
}

void gic_cpu_interface_enable(void)
{
    write_sysreg(icc_sre_el1, read_sysreg(icc_sre_el1) | ICC_SRE_SRE);
    isb();
    write_sysreg(icc_pmr_el1, 0xff); /* let every priority through */
    write_sysreg(icc_bpr1_el1, 0);   /* preemption on all priority bits */
    write_sysreg(icc_igrpen1_el1, 1);
    isb();
}

uint32_t gic_ack(void)
{
    uint32_t intid = (uint32_t)read_sysreg(icc_iar1_el1) & 0xffffff;

    /* Reads of the interrupted device's state must not pass the ack. */
    dsb();
    return intid;
}

void gic_eoi(uint32_t intid)
{
    write_sysreg(icc_eoir1_el1, intid);
    isb();
}

void gic_send_sgi(unsigned intid, uint64_t mpidr)
{
    uint64_t aff0 = mpidr & 0xff;
    uint64_t aff1 = (mpidr >> 8) & 0xff;
    uint64_t aff2 = (mpidr >> 16) & 0xff;
    uint64_t aff3 = (mpidr >> 32) & 0xff;
    /* ICC_SGI1R_EL1: the target list holds Aff0 values 16 * RS .. 16 * RS + 15. */
    uint64_t value = aff3 << 48 | (aff0 >> 4) << 44 | aff2 << 32 | (uint64_t)(intid & 0xf) << 24 |
                     aff1 << 16 | 1ull << (aff0 & 0xf);

    /* Memory writes the target will read must be visible before it runs. */
    dsb();
    write_sysreg(icc_sgi1r_el1, value);
    isb();
}
