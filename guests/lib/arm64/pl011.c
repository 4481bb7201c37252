/* arm64 console: the PL011 transmit path (ARM PrimeCell UART TRM, DDI
 * 0183). The UART is not initialised: firmware, QEMU or the hypervisor has
 * already done it, and a guest must not reprogram a UART that it may share. */
#include <stdint.h>
#include "arch.h"

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1u << 5)

/* Bounds the wait for FIFO space so that a UART which never drains (or an
 * emulation that reports TXFF forever) costs characters, not the guest. */
#define TXFF_POLL_LIMIT 1000000

static uintptr_t pl011_base = GUEST_UART_BASE;

void uart_set_base(uintptr_t base)
{
    pl011_base = base;
}

static volatile uint32_t *pl011_reg(unsigned offset)
{
    return (volatile uint32_t *)(pl011_base + offset);
}

void uart_putc(char c)
{
    for (int i = 0; i < TXFF_POLL_LIMIT && (*pl011_reg(PL011_FR) & PL011_FR_TXFF); i++)
        ;
    *pl011_reg(PL011_DR) = (uint32_t)(unsigned char)c;
}
