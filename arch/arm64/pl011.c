/* The physical PL011: the hypervisor's console, polled. */
#include <stdint.h>
#include <septum/hal.h>
#include <arch/platform.h>
#include <arch/uart.h>

#define UART_DR 0x000
#define UART_FR 0x018
#define UART_IMSC 0x038
#define UART_ICR 0x044
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define INT_RX (1u << 4)
#define INT_RT (1u << 6)

static volatile uint32_t *reg(unsigned offset)
{
    return (volatile uint32_t *)(uintptr_t)(platform.uart + offset);
}

static void uart_putc(char c)
{
    while (*reg(UART_FR) & FR_TXFF)
        ;
    *reg(UART_DR) = (uint8_t)c;
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
    *reg(UART_ICR) = INT_RX | INT_RT;
    *reg(UART_IMSC) = INT_RX | INT_RT;
}

int uart_getc(void)
{
    if (*reg(UART_FR) & FR_RXFE)
        return -1;
    return (int)(*reg(UART_DR) & 0xff);
}
