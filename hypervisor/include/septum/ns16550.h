/* The ns16550a's register map and bits (National Semiconductor PC16550D
 * data sheet), with byte-wide registers one byte apart (reg-shift 0, as on
 * QEMU virt), shared by the emulated UART (hypervisor/devices/vuart16550.c),
 * the console driver (hypervisor/drivers/ns16550.c) and their tests. */
#ifndef SEPTUM_NS16550_H
#define SEPTUM_NS16550_H

#include <stdint.h>

#define NS16550_RBR 0 /* receive buffer (read, DLAB = 0) */
#define NS16550_THR 0 /* transmit holding (write, DLAB = 0) */
#define NS16550_DLL 0 /* divisor latch, low byte (DLAB = 1) */
#define NS16550_IER 1 /* interrupt enable (DLAB = 0) */
#define NS16550_DLM 1 /* divisor latch, high byte (DLAB = 1) */
#define NS16550_IIR 2 /* interrupt identification (read) */
#define NS16550_FCR 2 /* FIFO control (write) */
#define NS16550_LCR 3
#define NS16550_MCR 4
#define NS16550_LSR 5
#define NS16550_MSR 6
#define NS16550_SCR 7
#define NS16550_REGS 8

#define IER_ERBFI 0x01 /* received data available */
#define IER_ETBEI 0x02 /* transmit holding register empty */
#define IER_ELSI 0x04  /* receiver line status */
#define IER_EDSSI 0x08 /* modem status */
#define IER_MASK 0x0f

/* IIR: bit 0 clear while an interrupt is pending, bits 3:1 say which (the
 * highest priority one), bits 7:6 set while the FIFOs are enabled. */
#define IIR_NO_INT 0x01
#define IIR_THRE 0x02
#define IIR_RDA 0x04
#define IIR_FIFOS 0xc0

#define FCR_FIFO_ENABLE 0x01
#define FCR_CLEAR_RX 0x02
#define FCR_CLEAR_TX 0x04

#define LCR_8N1 0x03
#define LCR_DLAB 0x80

#define MCR_DTR 0x01
#define MCR_RTS 0x02
#define MCR_OUT1 0x04
#define MCR_OUT2 0x08
#define MCR_LOOP 0x10
#define MCR_MASK 0x1f

#define LSR_DR 0x01   /* data ready */
#define LSR_THRE 0x20 /* transmit holding register empty */
#define LSR_TEMT 0x40 /* transmitter empty */

#define MSR_CTS 0x10
#define MSR_DSR 0x20
#define MSR_RI 0x40
#define MSR_DCD 0x80

/* The physical ns16550a at base as the hypervisor's console: polled
 * output, input through its receive interrupt. The firmware has set its
 * line up (speed, 8N1); these leave that alone. */
void ns16550_putc(uint64_t base, char c);
/* The next received character, or -1 when none waits. */
int ns16550_getc(uint64_t base);
void ns16550_enable_rx_irq(uint64_t base);

#endif
