/* The emulated PL011 a domain has as its console where its architecture's
 * guest layout puts it (arm64: 0x0900_0000, arch_guest.uart_base).
 * Output goes to the domain's console; input typed on the physical console
 * (or written by the control domain) waits in a receive FIFO (deeper than a
 * real one's 32 bytes, see VPL011_RX_FIFO). The
 * transmitter is always ready, so the driver never needs TX interrupts to
 * make progress. Identification registers match a PL011 r1p5 so that
 * Linux's amba-pl011 driver binds to it. */
#include <septum/arch.h>
#include <septum/config.h>
#include <septum/console.h>
#include <septum/devmgr.h>
#include <septum/fdt.h>
#include <septum/guest_fdt.h>
#include <septum/pl011.h>
#include <septum/vm.h>
#include <septum/vuart.h>

#define UART_SIZE 0x1000

struct vpl011 {
    spinlock_t lock;
    uint32_t cr, lcrh, ibrd, fbrd, ifls, imsc, dmacr;
    struct rx_fifo rx;
};

_Static_assert(sizeof(struct vpl011) <= sizeof(struct vuart_state), "fits in struct vm");

static struct vpl011 *state_of(struct vm *vm)
{
    return (struct vpl011 *)vm->uart.bytes;
}

static const uint8_t id_registers[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

/* Raw interrupt status: TX always (the FIFO is always empty), RX and
 * receive-timeout while characters wait. */
static uint32_t raw_status(const struct vpl011 *u)
{
    return INT_TX | (u->rx.count ? INT_RX | INT_RT : 0);
}

/* The line is level-sensitive: raise it whenever a change leaves an
 * unmasked condition standing. The interrupt controller merges repeats. */
static void update_irq(struct vm *vm, uint32_t mis)
{
    if (!mis)
        return;
    vm_raise_irq(vm, arch_guest.uart_irq);
    devmgr_count_irq(&vm->devices, arch_guest.uart_base);
}

static uint32_t flag_register(const struct vpl011 *u)
{
    return FR_TXFE | (u->rx.count ? 0 : FR_RXFE) | (u->rx.count == VPL011_RX_FIFO ? FR_RXFF : 0);
}

static uint32_t *reg_of(struct vpl011 *u, uint64_t off)
{
    switch (off) {
    case UART_IBRD:
        return &u->ibrd;
    case UART_FBRD:
        return &u->fbrd;
    case UART_LCRH:
        return &u->lcrh;
    case UART_CR:
        return &u->cr;
    case UART_IFLS:
        return &u->ifls;
    case UART_DMACR:
        return &u->dmacr;
    default:
        return NULL;
    }
}

static uint64_t read_register(struct vpl011 *u, uint64_t off)
{
    uint32_t *reg;

    switch (off) {
    case UART_DR:
        return rx_fifo_pop(&u->rx);
    case UART_FR:
        return flag_register(u);
    case UART_IMSC:
        return u->imsc;
    case UART_RIS:
        return raw_status(u);
    case UART_MIS:
        return raw_status(u) & u->imsc;
    default:
        if (off >= UART_ID && off < UART_ID + 32 && off % 4 == 0)
            return id_registers[(off - UART_ID) / 4];
        reg = reg_of(u, off);
        return reg ? *reg : 0; /* RSR, ICR and reserved: 0 */
    }
}

/* Everything but the status read, in a frame of its own. */
static __attribute__((noinline)) int vpl011_access_slow(struct vm *vm, uint64_t off, bool write,
                                                        uint64_t *value)
{
    struct vpl011 *u = state_of(vm);
    uint32_t *reg, mis = 0;

    if (write && off == UART_DR) {
        console_domain_putc(vm, (char)(*value & 0xff));
        return 0;
    }
    if (!write && off != UART_DR) {
        *value = read_register(u, off);
        return 0;
    }
    reg = reg_of(u, off);
    spin_lock(&u->lock);
    if (!write) {
        *value = read_register(u, off);
    } else if (off == UART_IMSC) {
        u->imsc = (uint32_t)*value & INT_MASK;
        mis = raw_status(u) & u->imsc;
    } else if (reg) {
        *reg = (uint32_t)*value;
    }
    spin_unlock(&u->lock);
    update_irq(vm, mis);
    return 0;
}

/* opaque is the UART itself, not its domain: the flag register's fields
 * are then in reach of one load each (make bench). */
static int vpl011_access(void *opaque, struct vcpu *vcpu, uint64_t off, unsigned size, bool write,
                         uint64_t *value)
{
    (void)size;
    /* The flag register, which drivers poll, is answered here with no
     * lock and no frame: it looks at one word. Reading DR pops the FIFO,
     * so that one takes the lock. */
    if (!write && off == UART_FR) {
        *value = flag_register(opaque);
        return 0;
    }
    return vpl011_access_slow(vcpu->vm, off, write, value);
}

static size_t vpl011_receive(struct vm *vm, const char *buf, size_t len)
{
    struct vpl011 *u = state_of(vm);
    size_t taken;
    uint32_t mis;

    spin_lock(&u->lock);
    taken = rx_fifo_push(&u->rx, buf, len);
    mis = raw_status(u) & u->imsc & (INT_RX | INT_RT);
    spin_unlock(&u->lock);
    update_irq(vm, mis);
    return taken;
}

static void vpl011_reset(struct vm *vm)
{
    /* Enabled with TX and RX, as a boot loader would leave it. */
    *state_of(vm) = (struct vpl011){.lock = SPINLOCK_INIT, .cr = 0x301, .lcrh = 0x70};
}

static int vpl011_init(struct vm *vm)
{
    vpl011_reset(vm);
    return devmgr_register(&vm->devices, arch_guest.uart_base, UART_SIZE, vpl011_access,
                           state_of(vm), "pl011");
}

/* As QEMU virt describes its PL011, which Linux's amba-pl011 binds to. */
static void vpl011_fdt_node(struct fdt_writer *w, const struct vm *vm)
{
    uint32_t irq[IRQ_CELLS_MAX];
    uint32_t clocks[2] = {GUEST_PHANDLE_CLOCK, GUEST_PHANDLE_CLOCK};

    (void)vm;
    arch_irq_spec(irq, arch_guest.uart_irq, false);
    guest_fdt_strings(w, "compatible", "arm,pl011", "arm,primecell");
    guest_fdt_reg64(w, arch_guest.uart_base, UART_SIZE);
    fdt_property_cells(w, "interrupts", irq, (int)arch_guest.irq_cells);
    fdt_property_cells(w, "clocks", clocks, 2);
    guest_fdt_strings(w, "clock-names", "uartclk", "apb_pclk");
}

const struct vuart_model vpl011_model = {
    .node_name = "pl011",
    .init = vpl011_init,
    .reset = vpl011_reset,
    .receive = vpl011_receive,
    .fdt_node = vpl011_fdt_node,
};
