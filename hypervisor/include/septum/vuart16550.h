/* An emulated ns16550a: the console UART of a domain on platforms whose
 * guests expect one (RISC-V's QEMU virt layout puts it at 0x1000_0000).
 * Output goes to the domain's console; input waits in a receive FIFO far
 * deeper than a real one's 16 bytes, so that a paste is not lost. The
 * transmitter is always ready: THR and the shift register are empty again
 * the moment a byte is written. */
#ifndef SEPTUM_VUART16550_H
#define SEPTUM_VUART16550_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <septum/rx_fifo.h>
#include <septum/spinlock.h>

#define VUART16550_RX_FIFO RX_FIFO_SIZE /* septum/rx_fifo.h */
/* The register window a device tree gives it (QEMU virt's): the eight
 * registers and a hole; an access to the hole stops the domain. */
#define VUART16550_SIZE 0x100
#define VUART16550_CLOCK_HZ 3686400 /* clock-frequency, as QEMU virt's */

struct vm;
struct fdt_writer;

struct vuart16550 {
    spinlock_t lock; /* its own; never taken with another domain's */
    uint64_t base;   /* guest-physical, where its activity is counted */
    unsigned irq;    /* the interrupt line it drives, the platform's number */
    uint8_t ier, lcr, mcr, scr, dll, dlm;
    bool fifo_enabled;
    /* The THR-empty interrupt (data sheet): set when THR empties (a write
     * to THR, IER.ETBEI being set), cleared by the IIR read that reports
     * it and by clearing IER.ETBEI. */
    bool thre_pending;
    bool line; /* the interrupt output: IIR says an interrupt is pending */
    struct rx_fifo rx;
};

/* Resets u and registers it at base in vm's device table; it drives
 * interrupt line irq. */
int vuart16550_init(struct vm *vm, struct vuart16550 *u, uint64_t base, unsigned irq);
/* The state a boot loader leaves it in (8N1, interrupts masked), input
 * dropped; base and line kept. */
void vuart16550_reset(struct vuart16550 *u);
/* Console input for the domain: queued in the receive FIFO, raising the
 * receive interrupt if the guest enabled it; returns how many bytes fit. */
size_t vuart16550_receive(struct vm *vm, struct vuart16550 *u, const char *buf, size_t len);
/* The properties of its device-tree node: compatible, reg (2 + 2 cells),
 * the interrupt specifier given (irq_cells cells of the guest's
 * interrupt controller), clock-frequency, reg-shift, reg-io-width. */
void vuart16550_fdt_props(struct fdt_writer *w, const struct vuart16550 *u, const uint32_t *irq,
                          int irq_cells);

#endif
