/* TEMPORARY until branch devices' ns16550 driver is merged: the physical
 * ns16550a console, polled output, receive interrupt for input. */
#include <stdint.h>
#include <septum/hal.h>
#include <arch/platform.h>
#include <arch/uart.h>

#define THR 0
#define RBR 0
#define IER 1
#define LSR 5
#define LSR_DR 0x01
#define LSR_THRE 0x20
#define IER_RDA 0x01

static volatile uint8_t *reg(unsigned offset)
{
    return (volatile uint8_t *)(uintptr_t)(platform.uart + offset);
}

static void uart_putc(char c)
{
    while (!(*reg(LSR) & LSR_THRE))
        ;
    *reg(THR) = (uint8_t)c;
}

void hal_console_write(const char *s, size_t len)
{
    if (!platform.uart)
        return;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            uart_putc('\r');
        uart_putc(s[i]);
    }
}

void uart_enable_rx_irq(void)
{
    *reg(IER) = IER_RDA;
}

int uart_getc(void)
{
    if (!(*reg(LSR) & LSR_DR))
        return -1;
    return *reg(RBR);
}
