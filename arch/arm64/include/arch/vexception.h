/* Synchronous exceptions the hypervisor makes a guest take at EL1 instead
 * of stopping it: the syndrome, which vector, and the PSTATE the guest's
 * handler starts with, computed as the CPU would (Arm ARM pseudocode
 * AArch64.TakeException). Plain C, unit-tested on the host. */
#ifndef ARCH_VEXCEPTION_H
#define ARCH_VEXCEPTION_H

#include <stdbool.h>
#include <stdint.h>

/* ESR_EL1 of an UNDEFINED instruction (EC 0, "unknown reason"). */
uint64_t vexc_esr_undef(void);

/* ESR_EL1 of a synchronous external abort on a data access by the
 * instruction that ran in the state `spsr` describes: what a bus answering
 * "nothing here" produces on real hardware. */
uint64_t vexc_esr_data_abort(uint64_t spsr, bool write);

/* Offset from VBAR_EL1 of the synchronous vector for an exception taken
 * from the state `spsr` describes (EL0, EL1 on SP_EL0, or EL1 on SP_EL1). */
uint64_t vexc_sync_vector(uint64_t spsr);

/* PSTATE on entry to the EL1 handler: EL1h, DAIF masked, condition flags
 * and DIT kept; PAN set if the guest asked for it (SCTLR_EL1.SPAN = 0, on
 * a CPU with PAN), SSBS from SCTLR_EL1.DSSBS, everything else clear. */
uint64_t vexc_handler_pstate(uint64_t spsr, uint64_t sctlr_el1, bool has_pan);

#endif
