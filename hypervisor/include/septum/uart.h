/* Drivers of the hypervisor's own console UART (hypervisor/drivers/),
 * chosen from the machine's device tree by compatible string. Polled for
 * output; input through its receive interrupt. */
#ifndef SEPTUM_UART_H
#define SEPTUM_UART_H

#include <stdint.h>

struct fdt;

struct uart_driver {
    const char *compatible;
    void (*putc)(uint64_t base, char c);
    /* The next received character, or -1 when none waits. */
    int (*getc)(uint64_t base);
    void (*enable_rx_irq)(uint64_t base);
};

extern const struct uart_driver pl011_driver;
extern const struct uart_driver ns16550_driver;

/* Finds the console in the machine's device tree (platform.uart*). */
int uart_probe(const struct fdt *fdt);
void uart_enable_rx_irq(void);
/* The console's receive interrupt (platform.uart_irq): everything received
 * goes to the console multiplexer (console_input()). */
void uart_rx_interrupt(void);

#endif
