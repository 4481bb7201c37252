/* The physical ns16550a as the hypervisor's console (septum/ns16550.h):
 * byte-wide registers one byte apart, as QEMU virt's at 0x1000_0000. */
#include <septum/hal.h>
#include <septum/ns16550.h>
#include <septum/uart.h>

static uint8_t reg_read(uint64_t base, unsigned reg)
{
    return (uint8_t)hal_mmio_read(base + reg, 1);
}

static void reg_write(uint64_t base, unsigned reg, uint8_t value)
{
    hal_mmio_write(base + reg, 1, value);
}

void ns16550_putc(uint64_t base, char c)
{
    while (!(reg_read(base, NS16550_LSR) & LSR_THRE))
        ;
    reg_write(base, NS16550_THR, (uint8_t)c);
}

int ns16550_getc(uint64_t base)
{
    if (!(reg_read(base, NS16550_LSR) & LSR_DR))
        return -1;
    return reg_read(base, NS16550_RBR);
}

/* The line stays asserted while characters wait, so whoever takes the
 * interrupt drains them with ns16550_getc() until it says -1. IER shares
 * its offset with the divisor latch: DLAB is cleared first, the rest of
 * the line settings kept. */
void ns16550_enable_rx_irq(uint64_t base)
{
    reg_write(base, NS16550_LCR, reg_read(base, NS16550_LCR) & ~LCR_DLAB);
    reg_write(base, NS16550_IER, IER_ERBFI);
}

const struct uart_driver ns16550_driver = {
    .compatible = "ns16550a",
    .putc = ns16550_putc,
    .getc = ns16550_getc,
    .enable_rx_irq = ns16550_enable_rx_irq,
};
