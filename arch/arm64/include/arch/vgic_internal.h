/* Shared by the vGIC's files only: vgic.c (list registers, private
 * interrupts), vgic_spi.c (the SPIs' state), vgic_dist.c and vgic_redist.c
 * (the distributor's and redistributors' registers). */
#ifndef ARCH_VGIC_INTERNAL_H
#define ARCH_VGIC_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <septum/vm.h>
#include <arch/vgic_lr.h>

#define GICD_CTLR_GRP1 (1u << 1)
/* GICD_IROUTER: Aff3 (39:32), Aff2, Aff1, Aff0 (23:0). Interrupt_Routing_Mode
 * (bit 31) is RAZ/WI: see vgic_dist.c. */
#define VGIC_IROUTER_AFF 0xff00ffffffull

/* Register offsets common to the distributor and the redistributors'
 * SGI/PPI frame. */
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00

#define PIDR2_GICV3 0x3b
#define IIDR_SEPTUM 0x0000053bu /* ARM's JEP106 code, product 0 */

static inline bool vgic_group_enabled(const struct vm *vm)
{
    return atomic_load_explicit(&vm->arch.dist.ctlr, memory_order_relaxed) & GICD_CTLR_GRP1;
}

/* A list register raising a pending group 1 interrupt. */
static inline uint64_t vgic_lr_value(unsigned intid, uint8_t priority)
{
    return LR_PENDING | LR_GROUP1 | (uint64_t)priority << LR_PRIORITY_SHIFT | intid;
}

/* Byte-wise priority registers, 8- and 32-bit accesses. */
void vgic_access_priority(uint8_t *prio, unsigned count, uint64_t offset, unsigned size, bool write,
                          uint64_t *value);

/* ---- SPIs (vgic_spi.c) ---- */

/* The distributor's part of a flush, on the vCPU's own pCPU: brings the
 * list registers that hold SPIs in line with the distributor, then places
 * the SPIs routed here into free list registers (free: in and out).
 * Returns true if some still wait for a list register. */
bool vgic_spi_flush(struct vcpu *vcpu, uint32_t *free);
/* True if vgic_spi_flush() has something to do; no lock. */
bool vgic_spi_work(const struct vcpu *vcpu);
/* The list registers whose SPI the guest deactivated: give them back. */
void vgic_spi_sync(struct vcpu *vcpu);
/* The vCPU leaves its pCPU: SPIs in its list registers go back to the
 * distributor (their pending state moves on; an active state is dropped,
 * as nobody is left to end it). */
void vgic_spi_release(struct vcpu *vcpu);
void vgic_spi_reset(struct vm *vm);

/* What a change to the distributor asks of vCPUs, done once its lock is
 * dropped: SPIs whose target must look at them, and vCPUs (one bit each)
 * that must look at their list registers. */
struct vgic_effects {
    vgic_spis_t kick;
    uint32_t resync;
};

/* Register writes to the SPIs in spis; the caller holds the
 * distributor's lock, then calls vgic_spi_tell() without it. */
void vgic_spi_enable(struct vm *vm, vgic_spis_t spis, bool on, struct vgic_effects *e);
void vgic_spi_pend(struct vm *vm, vgic_spis_t spis, bool on, struct vgic_effects *e);
void vgic_spi_activate(struct vm *vm, vgic_spis_t spis, bool on, struct vgic_effects *e);
void vgic_spi_route(struct vm *vm, unsigned spi, uint64_t irouter, struct vgic_effects *e);
/* Kicks the vCPUs named, except skip (the caller, who looks anyway). */
void vgic_spi_tell(struct vm *vm, const struct vgic_effects *e, const struct vcpu *skip);
/* Pending and active SPIs as GICD_ISPENDR/ISACTIVER show them to self,
 * the accessing vCPU (NULL: none); under the lock. */
vgic_spis_t vgic_spi_pending(struct vm *vm, const struct vcpu *self);
vgic_spis_t vgic_spi_active(struct vm *vm, const struct vcpu *self);

/* ---- registers (vgic_dist.c, vgic_redist.c) ---- */

int vgic_dist_access(void *opaque, struct vcpu *vcpu, uint64_t off, unsigned size, bool write,
                     uint64_t *value);
int vgic_redist_access(void *opaque, struct vcpu *vcpu, uint64_t off, unsigned size, bool write,
                       uint64_t *value);

#endif
