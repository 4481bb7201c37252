/* The physical PL011 as the hypervisor's console (septum/uart.h). */
#include <septum/hal.h>
#include <septum/pl011.h>
#include <septum/uart.h>

static void pl011_putc(uint64_t base, char c)
{
    while (hal_mmio_read(base + UART_FR, 4) & FR_TXFF)
        ;
    hal_mmio_write(base + UART_DR, 4, (uint8_t)c);
}

static int pl011_getc(uint64_t base)
{
    if (hal_mmio_read(base + UART_FR, 4) & FR_RXFE)
        return -1;
    return (int)(hal_mmio_read(base + UART_DR, 4) & 0xff);
}

static void pl011_enable_rx_irq(uint64_t base)
{
    hal_mmio_write(base + UART_ICR, 4, INT_RX | INT_RT);
    hal_mmio_write(base + UART_IMSC, 4, INT_RX | INT_RT);
}

const struct uart_driver pl011_driver = {
    .compatible = "arm,pl011",
    .putc = pl011_putc,
    .getc = pl011_getc,
    .enable_rx_irq = pl011_enable_rx_irq,
};
