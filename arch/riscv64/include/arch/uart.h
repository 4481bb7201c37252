/* The physical console UART: output through hal_console_write(), input
 * through its receive interrupt. */
#ifndef ARCH_UART_H
#define ARCH_UART_H

void uart_enable_rx_irq(void);
/* The next received character, or -1 when none waits. */
int uart_getc(void);

#endif
