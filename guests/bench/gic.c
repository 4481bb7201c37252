/* GICv3 set-up at the addresses the device tree gives (Xen's guest layout
 * puts the GIC elsewhere than QEMU virt's, which lib/gic.c assumes). The
 * CPU interface part is address-free and comes from lib/gic.c. */
#include <septum/errno.h>
#include "lib/gic.h"
#include "lib/sysreg.h"
#include "lib/timer.h"
#include "bench.h"

#define GICD_CTLR 0x0000
#define GICD_CTLR_ENABLE_GRP0 (1u << 0) /* EnableGrp1 in the non-secure view */
#define GICD_CTLR_ENABLE_GRP1 (1u << 1) /* EnableGrp1A in the non-secure view */
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_RWP (1u << 31)

#define GICR_WAKER 0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_IPRIORITYR 0x0400

#define IRQ_PRIORITY 0xa0 /* below PMR 0xff, and kept by 5 priority bits */
#define GIC_WAIT_MS 1000

static volatile uint32_t *reg32(uintptr_t base, uintptr_t offset)
{
    return (volatile uint32_t *)(base + offset);
}

static int wait_clear(volatile uint32_t *reg, uint32_t mask)
{
    uint64_t deadline = timer_deadline_ms(GIC_WAIT_MS);

    while (*reg & mask) {
        if (timer_passed(deadline))
            return -EBUSY;
        cpu_relax();
    }
    return 0;
}

int gic_setup(const struct platform *p, unsigned cpu, const unsigned *intids, unsigned count)
{
    volatile uint32_t *ctlr = reg32(p->gicd, GICD_CTLR);
    uintptr_t rd = p->gicr + cpu * GIC_REDIST_STRIDE, sgi = rd + GIC_SGI_FRAME;

    /* ARE first, while the groups are off; both group bits, since which one
     * enables group 1 depends on the security view the guest is given. */
    *ctlr = GICD_CTLR_ARE;
    if (wait_clear(ctlr, GICD_CTLR_RWP))
        return -EBUSY;
    *ctlr = GICD_CTLR_ARE | GICD_CTLR_ENABLE_GRP1 | GICD_CTLR_ENABLE_GRP0;
    if (wait_clear(ctlr, GICD_CTLR_RWP))
        return -EBUSY;
    *reg32(rd, GICR_WAKER) &= ~GICR_WAKER_PROCESSOR_SLEEP;
    if (wait_clear(reg32(rd, GICR_WAKER), GICR_WAKER_CHILDREN_ASLEEP))
        return -EBUSY;
    for (unsigned i = 0; i < count; i++) {
        unsigned intid = intids[i], shift = (intid & 3) * 8;
        volatile uint32_t *prio = reg32(sgi, GICR_IPRIORITYR + (intid & ~3u));

        *reg32(sgi, GICR_IGROUPR0) |= 1u << intid;
        *prio = (*prio & ~(0xffu << shift)) | (uint32_t)IRQ_PRIORITY << shift;
        *reg32(sgi, GICR_ISENABLER0) = 1u << intid;
    }
    dsb();
    gic_cpu_interface_enable();
    return 0;
}
