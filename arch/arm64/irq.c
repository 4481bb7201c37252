/* Physical interrupt handling at EL2. The CPU interface runs with
 * EOImode = 1: an EOI drops the running priority, deactivation is a second
 * step. The hypervisor's own interrupts take both at once; the virtual
 * timer's and passed-through SPIs are deactivated by the guest, through
 * their list registers. */
#include <septum/passthrough.h>
#include <septum/platform.h>
#include <septum/uart.h>
#include <septum/vm.h>
#include <arch/gic.h>
#include <arch/irq.h>
#include <arch/sysreg.h>
#include <arch/vgic.h>

#define CNTV_CTL_IMASK (1u << 1)

/* A domain's device: raised in its virtual GIC, deactivated by its guest.
 * Out of line, so that the virtual timer's path does not pay for the
 * registers it needs (make bench). */
static __attribute__((noinline)) bool passed_through(uint32_t intid)
{
    if (!pt_irq_fired(intid))
        return false;
    gic_eoi(intid);
    return true;
}

/* The virtual timer of the vCPU in the guest: into a list register with
 * the HW bit (the guest deactivates it). A frame of its own, none needed. */
static __attribute__((noinline)) bool vtimer_irq(struct vcpu *vcpu)
{
    gic_eoi(INTID_VTIMER);
    vgic_vtimer_fired(vcpu);
    return true;
}

static __attribute__((noinline)) bool other_irq(struct vcpu *vcpu, uint32_t intid)
{
    if (intid >= INTID_SPURIOUS)
        return false;
    switch (intid) {
    case INTID_VTIMER:
        /* A timer left running with no vCPU to take it: silence it. */
        gic_eoi(intid);
        write_sysreg(cntv_ctl_el0, read_sysreg(cntv_ctl_el0) | CNTV_CTL_IMASK);
        gic_deactivate(intid);
        return true;
    case INTID_MAINTENANCE:
        vgic_maintenance(vcpu);
        break;
    default:
        if (intid == platform.uart_irq)
            uart_rx_interrupt();
        else if (intid >= 32 && passed_through(intid))
            return true;
        break; /* INTID_KICK: the caller re-examines its vCPU */
    }
    gic_eoi(intid);
    gic_deactivate(intid);
    return true;
}

/* The timer of the vCPU in the guest, the most frequent interrupt, is
 * tested first and both paths are tail calls: no frame here (make bench). */
bool irq_handle_one(struct vcpu *vcpu)
{
    uint32_t intid = gic_ack();

    if (intid == INTID_VTIMER && vcpu)
        return vtimer_irq(vcpu);
    return other_irq(vcpu, intid);
}

void irq_handle_pending(struct vcpu *vcpu)
{
    while (irq_handle_one(vcpu))
        ;
}
