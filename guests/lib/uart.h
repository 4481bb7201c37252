/* Polled PL011 transmitter: the only output device a guest needs. */
#ifndef GUEST_UART_H
#define GUEST_UART_H

void uart_putc(char c);

#endif
