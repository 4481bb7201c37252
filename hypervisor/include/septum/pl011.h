/* The PL011's register map and bits (Arm PrimeCell UART r1p5 TRM), shared
 * by the emulated UART (hypervisor/devices/vpl011.c), the console driver
 * (hypervisor/drivers/pl011.c) and their tests. */
#ifndef SEPTUM_PL011_H
#define SEPTUM_PL011_H

#include <septum/rx_fifo.h>

#define UART_DR 0x000
#define UART_FR 0x018
#define UART_IBRD 0x024
#define UART_FBRD 0x028
#define UART_LCRH 0x02c
#define UART_CR 0x030
#define UART_IFLS 0x034
#define UART_IMSC 0x038
#define UART_RIS 0x03c
#define UART_MIS 0x040
#define UART_ICR 0x044
#define UART_DMACR 0x048
#define UART_ID 0xfe0 /* PeriphID0..3, CellID0..3 up to 0xffc */

#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)
#define INT_RX (1u << 4)
#define INT_TX (1u << 5)
#define INT_RT (1u << 6)
#define INT_MASK 0x7ffu

/* The emulated one's receive FIFO (septum/rx_fifo.h). */
#define VPL011_RX_FIFO RX_FIFO_SIZE

#endif
