/* Physical GICv3: distributor, redistributors and the CPU interface at EL2.
 * The hypervisor's own interrupts: the kick SGI, the virtual timer PPI, the
 * maintenance PPI and its UART's SPI; passed-through SPIs are routed to the
 * pCPU of the vCPU that takes them. */
#include <septum/errno.h>
#include <septum/log.h>
#include <arch/gic.h>
#include <arch/vgic_lr.h>
#include <arch/pcpu.h>
#include <arch/platform.h>
#include <arch/sysreg.h>

#define GICD_CTLR 0x0000
#define GICD_CTLR_RWP (1u << 31)
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_GRP1 (1u << 1)
#define GICD_TYPER 0x0004
#define GICD_ICENABLER 0x0180
#define GICD_ICPENDR 0x0280
#define GICD_ICACTIVER 0x0380
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_IPRIORITYR 0x0400
#define GICD_IROUTER 0x6000

#define GICR_FRAME 0x20000
#define GICR_SGI 0x10000
#define GICR_TYPER 0x0008
#define GICR_TYPER_LAST (1u << 4)
#define GICR_WAKER 0x0014
#define WAKER_PROCESSOR_SLEEP (1u << 1)
#define WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_IGROUPR0 (GICR_SGI + 0x080)
#define GICR_ISENABLER0 (GICR_SGI + 0x100)
#define GICR_IPRIORITYR (GICR_SGI + 0x400)

#define PRIORITY_DEFAULT 0x80

static volatile uint32_t *mmio32(uintptr_t base, unsigned offset)
{
    return (volatile uint32_t *)(base + offset);
}

static uint64_t irouter_of(uint64_t mpidr)
{
    return (mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 32;
}

void gic_init_distributor(void)
{
    *mmio32(arm64_platform.gicd, GICD_CTLR) = GICD_CTLR_ARE | GICD_CTLR_GRP1;
    while (*mmio32(arm64_platform.gicd, GICD_CTLR) & GICD_CTLR_RWP)
        ;
}

void gic_enable_spi(unsigned intid, uint64_t target_mpidr)
{
    uintptr_t d = arm64_platform.gicd;

    *mmio32(d, GICD_IGROUPR + 4 * (intid / 32)) |= 1u << (intid % 32);
    *(volatile uint8_t *)(d + GICD_IPRIORITYR + intid) = PRIORITY_DEFAULT;
    *(volatile uint64_t *)(d + GICD_IROUTER + 8 * intid) = irouter_of(target_mpidr);
    *mmio32(d, GICD_ISENABLER + 4 * (intid / 32)) = 1u << (intid % 32);
}

void gic_route_spi(unsigned intid, unsigned pcpu)
{
    *(volatile uint64_t *)(arm64_platform.gicd + GICD_IROUTER + 8 * intid) =
        irouter_of(platform.cpu_id[pcpu]);
}

void gic_disable_spi(unsigned intid)
{
    uintptr_t d = arm64_platform.gicd;
    uint32_t bit = 1u << (intid % 32);

    *mmio32(d, GICD_ICENABLER + 4 * (intid / 32)) = bit;
    while (*mmio32(d, GICD_CTLR) & GICD_CTLR_RWP)
        ;
    *mmio32(d, GICD_ICPENDR + 4 * (intid / 32)) = bit;
    *mmio32(d, GICD_ICACTIVER + 4 * (intid / 32)) = bit;
}

unsigned gic_nr_irqs(void)
{
    unsigned lines = 32 * ((*mmio32(arm64_platform.gicd, GICD_TYPER) & 0x1f) + 1);

    return lines > 1020 ? 1020 : lines;
}

/* The redistributor frame whose affinity matches this pCPU's MPIDR. */
static uintptr_t find_redistributor(uint64_t mpidr)
{
    uint64_t aff = (mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24;

    for (uintptr_t f = arm64_platform.gicr; f < arm64_platform.gicr + arm64_platform.gicr_size;
         f += GICR_FRAME) {
        uint64_t typer = *(volatile uint64_t *)(f + GICR_TYPER);

        if ((typer >> 32) == aff)
            return f;
        if (typer & GICR_TYPER_LAST)
            break;
    }
    return 0;
}

static void set_priority(uintptr_t rd, unsigned intid, uint8_t prio)
{
    *(volatile uint8_t *)(rd + GICR_IPRIORITYR + intid) = prio;
}

int gic_init_cpu(struct pcpu *p)
{
    uintptr_t rd = find_redistributor(p->mpidr);

    if (!rd)
        return -ENODEV;
    p->gicr = rd;
    *mmio32(rd, GICR_WAKER) &= ~WAKER_PROCESSOR_SLEEP;
    while (*mmio32(rd, GICR_WAKER) & WAKER_CHILDREN_ASLEEP)
        ;
    *mmio32(rd, GICR_IGROUPR0) = 0xffffffff;
    set_priority(rd, INTID_KICK, PRIORITY_DEFAULT);
    set_priority(rd, INTID_MAINTENANCE, PRIORITY_DEFAULT);
    set_priority(rd, INTID_VTIMER, PRIORITY_DEFAULT);
    *mmio32(rd, GICR_ISENABLER0) = 1u << INTID_KICK | 1u << INTID_MAINTENANCE | 1u << INTID_VTIMER;

    write_sysreg(S3_4_C12_C9_5, 0xf); /* ICC_SRE_EL2: SRE, bypasses off, EL1 may use SRE */
    isb();
    write_sysreg(S3_0_C4_C6_0, 0xff); /* ICC_PMR_EL1 */
    write_sysreg(S3_0_C12_C12_3, 0);  /* ICC_BPR1_EL1 */
    write_sysreg(S3_0_C12_C12_4, 2);  /* ICC_CTLR_EL1.EOImode: EOI drops priority only */
    write_sysreg(S3_0_C12_C12_7, 1);  /* ICC_IGRPEN1_EL1 */
    write_sysreg(S3_4_C12_C11_0, 1);  /* ICH_HCR_EL2.En: virtual CPU interface on */
    isb();
    lr_init();
    return 0;
}

uint32_t gic_ack(void)
{
    uint32_t intid = (uint32_t)read_sysreg(S3_0_C12_C12_0); /* ICC_IAR1_EL1 */

    __asm__ volatile("dsb sy" ::: "memory");
    return intid & 0xffffff;
}

void gic_eoi(uint32_t intid)
{
    write_sysreg(S3_0_C12_C12_1, intid); /* ICC_EOIR1_EL1 */
}

void gic_deactivate(uint32_t intid)
{
    write_sysreg(S3_0_C12_C11_1, intid); /* ICC_DIR_EL1 */
}

void gic_send_sgi(uint64_t mpidr, unsigned intid)
{
    uint64_t aff0 = mpidr & 0xff;
    uint64_t v = (1ull << (aff0 % 16)) | ((mpidr >> 8) & 0xff) << 16 | (uint64_t)intid << 24 |
                 ((mpidr >> 16) & 0xff) << 32 | (aff0 / 16) << 44 | ((mpidr >> 32) & 0xff) << 48;

    dsb(ishst);
    write_sysreg(S3_0_C12_C11_5, v); /* ICC_SGI1R_EL1 */
    isb();
}
