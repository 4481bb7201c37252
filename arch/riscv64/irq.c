/* HS-mode interrupts. The hypervisor runs with sstatus.SIE clear: it takes
 * interrupts only as exits from a guest, or polls them after a WFI. */
#include <septum/platform.h>
#include <septum/uart.h>
#include <septum/vm.h>
#include <arch/csr.h>
#include <arch/irq.h>
#include <arch/plic.h>
#include <arch/vtimer.h>

void irq_init_cpu(void)
{
    csr_set(CSR_SIE, 1ul << IRQ_S_SOFT | 1ul << IRQ_S_EXT);
    plic_init_cpu();
}

static void external(void)
{
    for (unsigned src = plic_claim(); src; src = plic_claim()) {
        if (src == platform.uart_irq)
            uart_rx_interrupt();
        plic_complete(src);
    }
}

/* Not inlined: the exit path tail-calls it, with no frame of its own. */
__attribute__((noinline)) void irq_handle(struct vcpu *vcpu, unsigned long code)
{
    switch (code) {
    case IRQ_S_SOFT:
        /* A kick: whoever sent it set the vCPU's attention flag, which the
         * exit path looks at next. */
        csr_clear(CSR_SIP, 1ul << IRQ_S_SOFT);
        break;
    case IRQ_S_EXT:
        external();
        break;
    case IRQ_S_TIMER:
        vtimer_fired(vcpu);
        break;
    default:
        break;
    }
}

void irq_handle_pending(struct vcpu *vcpu)
{
    unsigned long pending = csr_read(CSR_SIP) & csr_read(CSR_SIE);

    for (unsigned long code = 0; pending; code++, pending >>= 1) {
        if (pending & 1)
            irq_handle(vcpu, code);
    }
}
