/* riscv64 console: the ns16550a transmit path (byte registers, reg-shift
 * 0, as QEMU virt's). The UART is not initialised: firmware, QEMU or the
 * hypervisor has already done it, and a guest must not reprogram a UART
 * that it may share. */
#include <stdint.h>
#include "arch.h"
#include "riscv.h"

#define UART_THR 0
#define UART_IER 1
#define UART_IER_THRI (1u << 1) /* transmitter holding register empty */
#define UART_LSR 5
#define UART_LSR_THRE (1u << 5)

/* Bounds the wait for the transmitter so that a UART which never drains
 * costs characters, not the guest. */
#define THRE_POLL_LIMIT 1000000

static uintptr_t uart_base = GUEST_UART_BASE;

void uart_set_base(uintptr_t base)
{
    uart_base = base;
}

static volatile uint8_t *uart_reg(unsigned offset)
{
    return (volatile uint8_t *)(uart_base + offset);
}

void uart_putc(char c)
{
    for (int i = 0; i < THRE_POLL_LIMIT && !(*uart_reg(UART_LSR) & UART_LSR_THRE); i++)
        ;
    *uart_reg(UART_THR) = (uint8_t)c;
}

/* With the transmitter empty (it is, between polled characters), enabling
 * its interrupt raises the UART's line at once. */
void ns16550_tx_irq(bool enable)
{
    uint8_t ier = *uart_reg(UART_IER);

    *uart_reg(UART_IER) = enable ? ier | UART_IER_THRI : ier & ~UART_IER_THRI;
    dsb();
}
