/* The emulated ns16550a (septum/vuart16550.h). What drivers look for is
 * there: Linux's 8250 driver writes and reads back IER and the scratch
 * register, reads the FIFO bits of IIR after enabling them through FCR,
 * checks the modem lines in loopback, and expects the THR-empty interrupt
 * to come (and come again) when IER.ETBEI is set; bare-metal guests poll
 * LSR.THRE. Receiver line status and modem status interrupts never come:
 * input that does not fit is refused, not overrun, and the modem lines do
 * not move. */
#include <septum/arch.h>
#include <septum/console.h>
#include <septum/devmgr.h>
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/ns16550.h>
#include <septum/vm.h>
#include <septum/vuart.h>
#include <septum/vuart16550.h>

/* 115200 baud from the 3.6864 MHz clock: what firmware leaves behind. */
#define BOOT_DIVISOR (VUART16550_CLOCK_HZ / (16 * 115200))

/* The highest-priority interrupt standing, as IIR reports it. */
static uint8_t interrupt_id(const struct vuart16550 *u)
{
    uint8_t fifos = u->fifo_enabled ? IIR_FIFOS : 0;

    if ((u->ier & IER_ERBFI) && u->rx.count)
        return fifos | IIR_RDA;
    if ((u->ier & IER_ETBEI) && u->thre_pending)
        return fifos | IIR_THRE;
    return fifos | IIR_NO_INT;
}

/* The one place the line reaches the interrupt controller. The way in
 * today (arch_inject_irq) makes the line's interrupt pending and cannot
 * take it back, so a fall goes unreported: the guest then finds IIR
 * empty, as after any interrupt a poll got to first. */
static void line_changed(struct vm *vm, struct vuart16550 *u, bool level)
{
    if (!level)
        return;
    arch_inject_irq(&vm->vcpus[0], u->irq);
    devmgr_count_irq(&vm->devices, u->base);
}

/* After every change, under the lock: rises and falls then reach the
 * controller in the order they happened. */
static void update_line(struct vm *vm, struct vuart16550 *u)
{
    bool level = !(interrupt_id(u) & IIR_NO_INT);

    if (level != u->line) {
        u->line = level;
        line_changed(vm, u, level);
    }
}

static uint8_t line_status(const struct vuart16550 *u)
{
    return LSR_THRE | LSR_TEMT | (u->rx.count ? LSR_DR : 0);
}

/* In loopback the modem outputs come back as its inputs (data sheet);
 * otherwise a terminal is attached and ready. */
static uint8_t modem_status(const struct vuart16550 *u)
{
    if (!(u->mcr & MCR_LOOP))
        return MSR_DCD | MSR_DSR | MSR_CTS;
    return (u->mcr & MCR_RTS ? MSR_CTS : 0) | (u->mcr & MCR_DTR ? MSR_DSR : 0) |
           (u->mcr & MCR_OUT1 ? MSR_RI : 0) | (u->mcr & MCR_OUT2 ? MSR_DCD : 0);
}

static uint8_t read_register(struct vuart16550 *u, unsigned off)
{
    bool dlab = u->lcr & LCR_DLAB;
    uint8_t id;

    switch (off) {
    case NS16550_RBR:
        return dlab ? u->dll : rx_fifo_pop(&u->rx);
    case NS16550_IER:
        return dlab ? u->dlm : u->ier;
    case NS16550_IIR:
        id = interrupt_id(u);
        if ((id & ~IIR_FIFOS) == IIR_THRE)
            u->thre_pending = false; /* reported: that clears it */
        return id;
    case NS16550_LCR:
        return u->lcr;
    case NS16550_MCR:
        return u->mcr;
    case NS16550_LSR:
        return line_status(u);
    case NS16550_MSR:
        return modem_status(u);
    default:
        return u->scr;
    }
}

/* Returns true if byte is to be transmitted (on the console, after the
 * lock is dropped). */
static bool write_register(struct vuart16550 *u, unsigned off, uint8_t byte)
{
    bool dlab = u->lcr & LCR_DLAB;

    switch (off) {
    case NS16550_THR:
        if (dlab) {
            u->dll = byte;
            return false;
        }
        u->thre_pending = true; /* empty again at once */
        if (u->mcr & MCR_LOOP) {
            rx_fifo_push(&u->rx, (const char *)&byte,
                         1); /* a full FIFO loses it, as overrun would */
            return false;
        }
        return true;
    case NS16550_IER:
        if (dlab) {
            u->dlm = byte;
        } else {
            byte &= IER_MASK;
            /* Enabling it with THR empty raises it; disabling forgets it. */
            u->thre_pending = (byte & IER_ETBEI) && (!(u->ier & IER_ETBEI) || u->thre_pending);
            u->ier = byte;
        }
        return false;
    case NS16550_FCR:
        u->fifo_enabled = byte & FCR_FIFO_ENABLE;
        if (byte & FCR_CLEAR_RX)
            u->rx.head = u->rx.count = 0;
        return false; /* the transmit FIFO is always empty */
    case NS16550_LCR:
        u->lcr = byte;
        return false;
    case NS16550_MCR:
        u->mcr = byte & MCR_MASK;
        return false;
    case NS16550_SCR:
        u->scr = byte;
        return false;
    default:
        return false; /* LSR and MSR: read-only */
    }
}

/* Every access but the status read, in a frame of its own. */
static __attribute__((noinline)) int access_slow(struct vuart16550 *u, struct vm *vm, uint64_t off,
                                                 unsigned size, bool write, uint64_t *value)
{
    bool transmit = false;

    if (size != 1 || off >= NS16550_REGS)
        return -EINVAL; /* byte registers (reg-io-width 1), then a hole */
    spin_lock(&u->lock);
    if (write)
        transmit = write_register(u, (unsigned)off, (uint8_t)*value);
    else
        *value = read_register(u, (unsigned)off);
    update_line(vm, u);
    spin_unlock(&u->lock);
    if (transmit)
        console_domain_putc(vm, (char)(*value & 0xff));
    return 0;
}

static int vuart16550_access(void *opaque, struct vcpu *vcpu, uint64_t off, unsigned size,
                             bool write, uint64_t *value)
{
    /* A byte read of LSR, which drivers poll, is answered here with no
     * lock and no frame: it looks at one word, and reading it changes
     * nothing. */
    if (!write && off == NS16550_LSR && size == 1) {
        *value = line_status(opaque);
        return 0;
    }
    return access_slow(opaque, vcpu->vm, off, size, write, value);
}

size_t vuart16550_receive(struct vm *vm, struct vuart16550 *u, const char *buf, size_t len)
{
    size_t taken;

    spin_lock(&u->lock);
    taken = rx_fifo_push(&u->rx, buf, len);
    update_line(vm, u);
    spin_unlock(&u->lock);
    return taken;
}

void vuart16550_reset(struct vuart16550 *u)
{
    /* Under the lock: console input may arrive while the domain restarts. */
    spin_lock(&u->lock);
    u->ier = u->mcr = u->scr = u->dlm = 0;
    u->lcr = LCR_8N1;
    u->dll = BOOT_DIVISOR;
    u->fifo_enabled = u->thre_pending = u->line = false;
    u->rx.head = u->rx.count = 0;
    spin_unlock(&u->lock);
}

int vuart16550_init(struct vm *vm, struct vuart16550 *u, uint64_t base, unsigned irq)
{
    *u = (struct vuart16550){.lock = SPINLOCK_INIT, .base = base, .irq = irq};
    vuart16550_reset(u);
    return devmgr_register(&vm->devices, base, VUART16550_SIZE, vuart16550_access, u, "ns16550a");
}

void vuart16550_fdt_props(struct fdt_writer *w, const struct vuart16550 *u, const uint32_t *irq,
                          int irq_cells)
{
    uint32_t reg[4] = {(uint32_t)(u->base >> 32), (uint32_t)u->base, 0, VUART16550_SIZE};

    fdt_property_string(w, "compatible", "ns16550a");
    fdt_property_cells(w, "reg", reg, 4);
    fdt_property_cells(w, "interrupts", irq, irq_cells);
    fdt_property_u32(w, "clock-frequency", VUART16550_CLOCK_HZ);
    fdt_property_u32(w, "reg-shift", 0);
    fdt_property_u32(w, "reg-io-width", 1);
}

/* The console UART model (septum/vuart.h) over the domain's own state in
 * struct vm, at the architecture's address and line. */
_Static_assert(sizeof(struct vuart16550) <= sizeof(struct vuart_state), "fits in struct vm");

static struct vuart16550 *state_of(const struct vm *vm)
{
    return (struct vuart16550 *)vm->uart.bytes;
}

static int model_init(struct vm *vm)
{
    return vuart16550_init(vm, state_of(vm), arch_guest.uart_base, arch_guest.uart_irq);
}

static void model_reset(struct vm *vm)
{
    vuart16550_reset(state_of(vm));
}

static size_t model_receive(struct vm *vm, const char *buf, size_t len)
{
    return vuart16550_receive(vm, state_of(vm), buf, len);
}

static void model_fdt_node(struct fdt_writer *w, const struct vm *vm)
{
    uint32_t irq[IRQ_CELLS_MAX];

    arch_irq_spec(irq, arch_guest.uart_irq, false);
    vuart16550_fdt_props(w, state_of(vm), irq, (int)arch_guest.irq_cells);
}

const struct vuart_model vuart16550_model = {
    .node_name = "serial",
    .init = model_init,
    .reset = model_reset,
    .receive = model_receive,
    .fdt_node = model_fdt_node,
};
