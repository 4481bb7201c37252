/* The physical GICv3, owned by the hypervisor. */
#ifndef ARCH_GIC_H
#define ARCH_GIC_H

#include <stdint.h>

#define INTID_KICK 0         /* SGI: re-examine your vCPU */
#define INTID_MAINTENANCE 25 /* PPI: virtual CPU interface maintenance */
#define INTID_VTIMER 27      /* PPI: EL1 virtual timer */
#define INTID_SPURIOUS 1020

struct pcpu;

void gic_init_distributor(void);
/* Wakes this pCPU's redistributor and enables its CPU interfaces. */
int gic_init_cpu(struct pcpu *p);
/* Routes a shared interrupt to one pCPU and enables it. */
void gic_enable_spi(unsigned intid, uint64_t target_mpidr);
/* Routes a shared interrupt to pCPU pcpu (GICD_IROUTER). */
void gic_route_spi(unsigned intid, unsigned pcpu);
/* Disables a shared interrupt and clears its pending and active state,
 * from any pCPU (GICD_ICENABLER, ICPENDR, ICACTIVER). */
void gic_disable_spi(unsigned intid);
/* Number of INTIDs the distributor implements (GICD_TYPER). */
unsigned gic_nr_irqs(void);
uint32_t gic_ack(void);
/* EOImode = 1: an EOI only drops the running priority; the interrupt stays
 * active until gic_deactivate(), or until the guest deactivates it through
 * a list register with the HW bit (the virtual timer). */
void gic_eoi(uint32_t intid);
void gic_deactivate(uint32_t intid);
void gic_send_sgi(uint64_t target_mpidr, unsigned intid);

#endif
