/* The virtual CPU interface's control registers on the running pCPU (the
 * ICH_*_EL2 system registers): all vgic.c needs of the hardware. Kept apart
 * so that the vGIC's state machine also builds on the host, where the unit
 * tests provide these with an array per simulated pCPU. */
#ifndef ARCH_VGIC_LR_H
#define ARCH_VGIC_LR_H

#include <stdbool.h>
#include <stdint.h>

/* List register fields (ICH_LR<n>_EL2). */
#define LR_VINTID_MASK 0xffffffffull
#define LR_PINTID_SHIFT 32
#define LR_EOI (1ull << 41) /* maintenance interrupt on deactivation (HW = 0) */
#define LR_PRIORITY_SHIFT 48
#define LR_GROUP1 (1ull << 60)
#define LR_HW (1ull << 61) /* guest deactivation deactivates pINTID */
#define LR_PENDING (1ull << 62)
#define LR_ACTIVE (1ull << 63)
#define LR_STATE_MASK (3ull << 62)

/* Reads how many list registers there are (each pCPU at boot; all have
 * the same). */
void lr_init(void);
/* How many list registers the vGIC uses: the hardware's, at most 8. */
unsigned lr_count(void);
/* The mask of those list registers. */
uint32_t lr_all(void);
uint64_t lr_read(unsigned n);
void lr_write(unsigned n, uint64_t v);
/* ICH_ELRSR_EL2: list registers free for a new interrupt. */
uint32_t lr_empty_mask(void);
/* ICH_EISR_EL2: list registers whose interrupt the guest deactivated and
 * that asked for it (LR_EOI). */
uint32_t lr_eoi_mask(void);
/* ICH_HCR_EL2.UIE: a maintenance interrupt once at most one list register
 * is in use, so that waiting interrupts get their turn. */
void lr_set_underflow(bool on);
/* The rest of the virtual CPU interface to its reset state: active
 * priorities, ICH_VMCR_EL2, interface on. */
void lr_reset_interface(void);

#endif
