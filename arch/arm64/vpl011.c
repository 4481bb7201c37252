/* The emulated PL011 every domain has as its console at 0x0900_0000. Output
 * goes to the domain's console line; there is no input yet, so the receive
 * FIFO is always empty. Identification registers match a PL011 r1p5 so that
 * Linux's amba-pl011 driver binds to it. */
#include <septum/config.h>
#include <septum/console.h>
#include <septum/devmgr.h>
#include <septum/string.h>
#include <septum/vm.h>
#include <arch/vgic.h>
#include <arch/vpl011.h>

#define UART_DR 0x000
#define UART_RSR 0x004
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
#define UART_ID 0xfe0

#define FR_RXFE (1u << 4)
#define FR_TXFE (1u << 7)
#define INT_TX (1u << 5)

static const uint8_t id_registers[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

/* The transmitter is always ready: the interrupt status is TX only. */
static uint32_t raw_status(void)
{
    return INT_TX;
}

static void update_irq(struct vm *vm, struct vpl011 *u, uint32_t old_mis)
{
    uint32_t mis = raw_status() & u->imsc;
    struct mmio_device *dev = devmgr_find(&vm->devices, GUEST_UART_BASE);

    if (mis && !old_mis) {
        vgic_inject_spi(vm, 32 + GUEST_UART_SPI);
        if (dev)
            dev->irqs++;
    }
}

static uint32_t *reg_of(struct vpl011 *u, uint64_t off)
{
    switch (off) {
    case UART_IBRD: return &u->ibrd;
    case UART_FBRD: return &u->fbrd;
    case UART_LCRH: return &u->lcrh;
    case UART_CR: return &u->cr;
    case UART_IFLS: return &u->ifls;
    case UART_DMACR: return &u->dmacr;
    default: return NULL;
    }
}

static int vpl011_access(void *opaque, struct vcpu *vcpu, uint64_t off, unsigned size, bool write,
                         uint64_t *value)
{
    struct vm *vm = opaque;
    struct vpl011 *u = &vm->arch.uart;
    uint32_t *reg = reg_of(u, off);
    uint32_t old_mis = raw_status() & u->imsc;

    (void)vcpu;
    (void)size;
    if (write) {
        if (off == UART_DR)
            console_domain_putc(vm, (char)(*value & 0xff));
        else if (off == UART_IMSC)
            u->imsc = (uint32_t)*value & 0x7ff;
        else if (reg)
            *reg = (uint32_t)*value;
        if (off == UART_DR || off == UART_IMSC)
            update_irq(vm, u, off == UART_DR ? 0 : old_mis);
        return 0;
    }
    if (off == UART_FR)
        *value = FR_TXFE | FR_RXFE;
    else if (off == UART_IMSC)
        *value = u->imsc;
    else if (off == UART_RIS)
        *value = raw_status();
    else if (off == UART_MIS)
        *value = raw_status() & u->imsc;
    else if (off >= UART_ID && off < UART_ID + 32 && off % 4 == 0)
        *value = id_registers[(off - UART_ID) / 4];
    else
        *value = reg ? *reg : 0; /* DR with nothing received, RSR, ICR: 0 */
    return 0;
}

void vpl011_reset(struct vm *vm)
{
    /* Enabled with TX and RX, as a boot loader would leave it. */
    vm->arch.uart = (struct vpl011){.cr = 0x301, .lcrh = 0x70};
}

int vpl011_init(struct vm *vm)
{
    vpl011_reset(vm);
    return devmgr_register(&vm->devices, GUEST_UART_BASE, GUEST_UART_SIZE, vpl011_access, vm,
                           "pl011");
}
