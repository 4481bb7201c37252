/* The virtual GICv3 each domain sees: an emulated distributor and
 * redistributors, with the CPU interface provided by the hardware (ICV
 * registers) and fed through list registers. */
#ifndef ARCH_VGIC_H
#define ARCH_VGIC_H

#include <stdbool.h>
#include <stdint.h>
#include <public/septum.h>

/* Where a domain sees them: QEMU virt's addresses. */
#define GUEST_GICD_BASE SEPTUM_GUEST_GICD_BASE
#define GUEST_GICD_SIZE SEPTUM_GUEST_GICD_SIZE
#define GUEST_GICR_BASE SEPTUM_GUEST_GICR_BASE
#define GUEST_GICR_STRIDE SEPTUM_GUEST_GICR_STRIDE

struct vm;
struct vcpu;

int vgic_vm_init(struct vm *vm);
void vgic_vm_reset(struct vm *vm);
/* Makes an SGI or PPI pending for the vCPU and wakes its pCPU. */
void vgic_inject(struct vcpu *vcpu, unsigned intid);
/* The same for the vCPU running on this pCPU, from its own exit path. */
void vgic_inject_local(struct vcpu *vcpu, unsigned intid);
/* Raises a shared interrupt at the vCPU its GICD_IROUTER names. Takes no
 * lock, so that a device model driven from another domain (console input
 * from the control domain) never waits on this one. */
void vgic_inject_spi(struct vm *vm, unsigned intid);
/* The physical virtual-timer interrupt, acknowledged with a priority drop
 * only, goes to the vCPU running here; the guest's EOI deactivates it. */
void vgic_vtimer_fired(struct vcpu *vcpu);
/* Backs virtual SPI virq with physical SPI pintid (passthrough): it is
 * placed in list registers with the HW bit, and from now on the physical
 * interrupt is routed to the pCPU of the vCPU the guest routes virq to.
 * -EINVAL for a virq that is not an SPI of the virtual GIC or is already
 * backed (the core keeps its own devices' lines: vm_virq_reserved()). The
 * domain is CREATED. */
int vgic_bind_hw(struct vm *vm, unsigned virq, unsigned pintid);
/* Forgets every binding (the domain is released; its vCPUs stopped). */
void vgic_unbind_hw(struct vm *vm);
/* Moves pending interrupts into free list registers; runs on the vCPU's
 * own pCPU just before it enters the guest. */
void vgic_flush(struct vcpu *vcpu);
/* True if a list register of this pCPU holds a pending interrupt: what
 * ends a vCPU's trapped WFI. Its priority and the guest's mask are not
 * looked at: a masked one ends the WFI early, which the architecture
 * allows, and the guest waits again. */
bool vgic_lr_pending(void);

/* A guest write of ICC_SGI1R_EL1. */
void vgic_send_sgi(struct vcpu *from, uint64_t sgi1r);
/* Empties the list registers when the vCPU starts or leaves its pCPU:
 * SPIs they held go back to the distributor, and physical interrupts handed
 * to the guest are deactivated, so the pCPU's next owner finds none stuck
 * active. */
void vgic_quiesce(struct vcpu *vcpu);
/* The maintenance interrupt: list registers drained, or the guest
 * deactivated an SPI. vcpu is NULL when the pCPU runs none. */
void vgic_maintenance(struct vcpu *vcpu);

#endif
