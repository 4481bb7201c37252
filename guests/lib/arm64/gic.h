/* GICv3 as a guest sees it: memory-mapped distributor and redistributors,
 * CPU interface through the ICC system registers (Arm IHI 0069). */
#ifndef GUEST_GIC_H
#define GUEST_GIC_H

#include <stdbool.h>
#include <stdint.h>

/* QEMU virt's layout, which Septum keeps for guests: the default until
 * gic_set_bases. Redistributor of vCPU n: redistributor base + n * stride,
 * its SGI/PPI frame GIC_SGI_FRAME above that. */
#define GIC_DIST_BASE 0x08000000ul
#define GIC_REDIST_BASE 0x080a0000ul
#define GIC_REDIST_STRIDE 0x20000ul
#define GIC_SGI_FRAME 0x10000ul

#define GIC_INTID_SPURIOUS 1023u

/* Moves the distributor and the redistributors (for a guest whose device
 * tree puts them elsewhere); call before any other gic_ function. */
void gic_set_bases(uintptr_t dist, uintptr_t redist, uintptr_t stride);

/* Enables affinity routing and group 1 in GICD_CTLR; 0 or -EBUSY. */
int gic_dist_enable(void);

/* Wakes the redistributor of logical CPU cpu; 0 or -EBUSY. */
int gic_redist_wake(unsigned cpu);

/* Makes a private interrupt (SGI or PPI, intid < 32) of logical CPU cpu
 * group 1 with the given priority, and enables it. */
void gic_private_irq_enable(unsigned cpu, unsigned intid, uint8_t priority);

/* Shared interrupts (SPIs, intid 32-1019) at the distributor. */
/* Routes an SPI to the one CPU with this MPIDR affinity (GICD_IROUTER). */
void gic_spi_route(unsigned intid, uint64_t mpidr);
/* Makes an SPI group 1 with the given priority; does not enable it. */
void gic_spi_configure(unsigned intid, uint8_t priority);
void gic_spi_enable(unsigned intid, bool enable);
/* GICD_ISPENDR / GICD_ICPENDR. */
void gic_spi_set_pending(unsigned intid, bool pending);
/* GICD_ISPENDR and GICD_ISACTIVER as read back. */
bool gic_spi_pending(unsigned intid);
bool gic_spi_active(unsigned intid);

/* Enables the calling CPU's interface for group 1 at every priority. */
void gic_cpu_interface_enable(void);

/* Acknowledges the highest-priority pending group 1 interrupt. */
uint32_t gic_ack(void);
void gic_eoi(uint32_t intid);

/* Sends SGI intid (0-15) to the one CPU with this MPIDR affinity. */
void gic_send_sgi(unsigned intid, uint64_t mpidr);

#endif
