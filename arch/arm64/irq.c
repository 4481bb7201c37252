/* Physical interrupt handling at EL2. */
#include <septum/console.h>
#include <septum/vm.h>
#include <arch/platform.h>
#include <arch/uart.h>
#include <arch/gic.h>
#include <arch/irq.h>
#include <arch/sysreg.h>
#include <arch/vgic.h>

#define CNTV_CTL_IMASK (1u << 1)

/* The virtual timer's interrupt is level-triggered and owned by the guest:
 * it is masked at the timer until the guest reprograms it, and handed to
 * the vCPU as a virtual interrupt. */
static void vtimer_fired(struct vcpu *vcpu)
{
    write_sysreg(cntv_ctl_el0, read_sysreg(cntv_ctl_el0) | CNTV_CTL_IMASK);
    if (vcpu)
        vgic_inject_local(vcpu, INTID_VTIMER); /* it runs here */
}

static void console_rx(void)
{
    for (int c = uart_getc(); c >= 0; c = uart_getc())
        console_input((char)c);
}

bool irq_handle_one(struct vcpu *vcpu)
{
    uint32_t intid = gic_ack();

    if (intid >= INTID_SPURIOUS)
        return false;
    switch (intid) {
    case INTID_VTIMER:
        vtimer_fired(vcpu);
        break;
    case INTID_MAINTENANCE:
        vgic_maintenance(vcpu);
        break;
    default:
        if (intid == platform.uart_intid)
            console_rx();
        break; /* INTID_KICK: the caller re-examines its vCPU */
    }
    gic_eoi(intid);
    return true;
}

void irq_handle_pending(struct vcpu *vcpu)
{
    while (irq_handle_one(vcpu))
        ;
}
