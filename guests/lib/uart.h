/* Polled PL011 transmitter: the only output device a guest needs. */
#ifndef GUEST_UART_H
#define GUEST_UART_H

#include <stdint.h>

/* Moves the console to the PL011 (or SBSA UART) at base, for a guest whose
 * device tree puts it elsewhere; the default is GUEST_UART_BASE. */
void uart_set_base(uintptr_t base);

void uart_putc(char c);

#endif
