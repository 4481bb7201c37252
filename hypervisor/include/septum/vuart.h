/* A domain's console UART model (hypervisor/devices/): whichever one the
 * architecture's guest layout names (arch_guest.uart_model: arm64 a PL011,
 * RISC-V a 16550). Output goes to the domain's console; input from the
 * console multiplexer waits in the model's receive FIFO. */
#ifndef SEPTUM_VUART_H
#define SEPTUM_VUART_H

#include <stddef.h>

struct vm;
struct fdt_writer;

struct vuart_model {
    /* Its node in the guest's device tree is <node_name>@<base>. */
    const char *node_name;
    /* Sets up its state in vm->uart and registers its registers at
     * arch_guest.uart_base in vm->devices (one MMIO range). */
    int (*init)(struct vm *vm);
    /* Back to the state a boot loader leaves it in (domain restart). */
    void (*reset)(struct vm *vm);
    /* Console input for the domain: queued, raising the receive interrupt
     * if the guest unmasked it; returns how many bytes fit. */
    size_t (*receive)(struct vm *vm, const char *buf, size_t len);
    /* Writes the properties of its device-tree node (compatible, reg,
     * interrupts, clocks: GUEST_PHANDLE_CLOCK is a fixed clock). */
    void (*fdt_node)(struct fdt_writer *w, const struct vm *vm);
};

/* Room for any model's state in struct vm; each model checks its own
 * struct fits (_Static_assert). */
#define VUART_STATE_SIZE 1536

struct vuart_state {
    _Alignas(16) unsigned char bytes[VUART_STATE_SIZE];
};

extern const struct vuart_model vpl011_model;
extern const struct vuart_model vuart16550_model;

#endif
