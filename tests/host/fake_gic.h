/* The GIC as host tests see it: list registers per simulated pCPU (the one
 * test_pcpu names), with the hardware's rules for which are empty and which
 * ask for an EOI maintenance interrupt, and a record of the physical
 * interrupts the hypervisor deactivated. Tests play the guest's part with
 * fake_guest_ack() and fake_guest_eoi(). */
#ifndef FAKE_GIC_H
#define FAKE_GIC_H

#include <stdbool.h>
#include <stdint.h>
#include "test_hal.h"

#define FAKE_LRS 4

extern uint64_t fake_lr[TEST_NR_PCPUS][FAKE_LRS];
extern bool fake_underflow[TEST_NR_PCPUS];
/* The hypervisor's physical deactivations (ICC_DIR_EL1) per pCPU, and
 * the last INTID. */
extern unsigned fake_deactivations[TEST_NR_PCPUS];
extern unsigned fake_last_deactivated[TEST_NR_PCPUS];
/* The physical distributor: shared interrupts' pCPU (GICD_IROUTER) and
 * whether the hypervisor disabled them. */
#define FAKE_GIC_IRQS 128
extern unsigned fake_spi_route[FAKE_GIC_IRQS];
extern bool fake_spi_disabled[FAKE_GIC_IRQS];

void fake_gic_reset(void);
/* The list register of pcpu holding vINTID intid, or -1. */
int fake_find_lr(unsigned pcpu, unsigned intid);
/* List registers of pcpu in use. */
unsigned fake_lrs_used(unsigned pcpu);
/* The guest on pcpu acknowledges intid (pending -> active). */
void fake_guest_ack(unsigned pcpu, unsigned intid);
/* The guest on pcpu ends intid (EOImode 0): active -> inactive. (With the
 * HW bit the hardware would deactivate the physical interrupt itself: that
 * is not the hypervisor's doing, and not recorded.) */
void fake_guest_eoi(unsigned pcpu, unsigned intid);

#endif
