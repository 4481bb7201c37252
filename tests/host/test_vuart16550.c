/* The emulated ns16550a on the host: its receive FIFO and line status, the
 * registers Linux's 8250 driver probes, interrupts in IIR's priority order
 * and the line they drive, transmit, refused accesses, reset, and its
 * device-tree node. */
#include <string.h>
#include <septum/devmgr.h>
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/ns16550.h>
#include <septum/vm.h>
#include <septum/vuart16550.h>
#include "check.h"
#include "test_hal.h"

#define BASE 0x10000000ull
#define LINE 10
#define DOMAIN_ID 3

static struct vm domain;
static struct vm *vm = &domain;
static struct vuart16550 uart;

static void uart_domain(void)
{
    test_hal_reset();
    memset(vm, 0, sizeof(*vm));
    vm->id = DOMAIN_ID;
    vm->config.nr_vcpus = 1;
    strcpy(vm->config.name, "uart");
    atomic_store(&vm->state, VM_RUNNING);
    vm->vcpus[0].vm = vm;
    console_init(vm);
    CHECK_EQ(devmgr_init(&vm->devices, 1), 0);
    CHECK_EQ(vuart16550_init(vm, &uart, BASE, LINE), 0);
}

static void uart_domain_free(void)
{
    devmgr_release(&vm->devices);
}

static int access(uint64_t off, unsigned size, bool write, uint64_t *value)
{
    return devmgr_access(&vm->devices, &vm->vcpus[0], BASE + off, size, write, value);
}

static uint8_t rd(unsigned off)
{
    uint64_t v = 0xdead;

    CHECK_EQ(access(off, 1, false, &v), 0);
    CHECK(v <= 0xff);
    return (uint8_t)v;
}

static void wr(unsigned off, uint8_t byte)
{
    uint64_t v = byte;

    CHECK_EQ(access(off, 1, true, &v), 0);
}

/* Rising edges of the line the controller heard of. */
static unsigned raised(void)
{
    return test_injections[DOMAIN_ID];
}

static uint64_t irqs_counted(void)
{
    struct mmio_counters c;

    devmgr_sum_counters(&vm->devices, 0, &c);
    return c.irqs;
}

TEST(vuart16550_fifo_keeps_order_and_lsr_reports_data)
{
    char all[VUART16550_RX_FIFO + 8];

    uart_domain();
    CHECK_EQ(rd(NS16550_LSR), LSR_THRE | LSR_TEMT);
    CHECK_EQ(vuart16550_receive(vm, &uart, "abc", 3), 3);
    CHECK_EQ(rd(NS16550_LSR), LSR_THRE | LSR_TEMT | LSR_DR);
    CHECK_EQ(rd(NS16550_RBR), 'a');
    CHECK_EQ(rd(NS16550_RBR), 'b');
    CHECK_EQ(rd(NS16550_RBR), 'c');
    CHECK_EQ(rd(NS16550_LSR), LSR_THRE | LSR_TEMT);
    CHECK_EQ(rd(NS16550_RBR), 0); /* empty: reads as 0 */

    /* Full: what does not fit is refused, not dropped silently. */
    for (unsigned i = 0; i < sizeof(all); i++)
        all[i] = (char)('0' + i % 64);
    CHECK_EQ(vuart16550_receive(vm, &uart, all, sizeof(all)), VUART16550_RX_FIFO);
    CHECK_EQ(vuart16550_receive(vm, &uart, "x", 1), 0);
    for (unsigned i = 0; i < VUART16550_RX_FIFO; i++)
        CHECK_EQ(rd(NS16550_RBR), (uint8_t)all[i]); /* in order, across the wrap */
    CHECK_EQ(rd(NS16550_LSR) & LSR_DR, 0);

    /* FCR's receive-clear bit drops what waits. */
    CHECK_EQ(vuart16550_receive(vm, &uart, "yz", 2), 2);
    wr(NS16550_FCR, FCR_FIFO_ENABLE | FCR_CLEAR_RX);
    CHECK_EQ(rd(NS16550_LSR) & LSR_DR, 0);
    uart_domain_free();
}

TEST(vuart16550_registers_answer_as_linux_probes_them)
{
    uart_domain();
    /* As a boot loader leaves it: 8N1, 115200 baud from 3.6864 MHz. */
    CHECK_EQ(rd(NS16550_LCR), LCR_8N1);
    CHECK_EQ(rd(NS16550_IER), 0);
    wr(NS16550_LCR, LCR_8N1 | LCR_DLAB);
    CHECK_EQ(rd(NS16550_DLL), 2);
    CHECK_EQ(rd(NS16550_DLM), 0);

    /* DLAB set: offsets 0 and 1 are the divisor, not THR and IER. */
    wr(NS16550_DLL, 0x34);
    wr(NS16550_DLM, 0x12);
    CHECK_EQ(rd(NS16550_DLL), 0x34);
    CHECK_EQ(rd(NS16550_DLM), 0x12);
    wr(NS16550_LCR, LCR_8N1);
    CHECK_EQ(rd(NS16550_IER), 0);
    CHECK_EQ(test_console_len, 0);

    /* IER keeps its four enables only; the scratch register a byte. */
    wr(NS16550_IER, 0xff);
    CHECK_EQ(rd(NS16550_IER), IER_MASK);
    wr(NS16550_IER, 0);
    wr(NS16550_SCR, 0x5a);
    CHECK_EQ(rd(NS16550_SCR), 0x5a);
    wr(NS16550_SCR, 0xa5);
    CHECK_EQ(rd(NS16550_SCR), 0xa5);

    /* IIR's FIFO bits follow FCR's enable. */
    CHECK_EQ(rd(NS16550_IIR), IIR_NO_INT);
    wr(NS16550_FCR, FCR_FIFO_ENABLE);
    CHECK_EQ(rd(NS16550_IIR), IIR_FIFOS | IIR_NO_INT);
    wr(NS16550_FCR, 0);
    CHECK_EQ(rd(NS16550_IIR), IIR_NO_INT);

    /* Modem lines: a terminal attached; in loopback, MCR's outputs come
     * back (RTS -> CTS, OUT2 -> DCD: what the 8250 driver checks). */
    CHECK_EQ(rd(NS16550_MSR), MSR_DCD | MSR_DSR | MSR_CTS);
    wr(NS16550_MCR, 0xff);
    CHECK_EQ(rd(NS16550_MCR), MCR_MASK);
    wr(NS16550_MCR, MCR_LOOP | MCR_OUT2 | MCR_RTS);
    CHECK_EQ(rd(NS16550_MSR), MSR_DCD | MSR_CTS);
    wr(NS16550_MCR, MCR_LOOP | MCR_OUT1 | MCR_DTR);
    CHECK_EQ(rd(NS16550_MSR), MSR_RI | MSR_DSR);

    /* Loopback: what is sent comes back in, not out. */
    wr(NS16550_THR, 'L');
    CHECK_EQ(test_console_len, 0);
    CHECK_EQ(rd(NS16550_LSR) & LSR_DR, LSR_DR);
    CHECK_EQ(rd(NS16550_RBR), 'L');
    uart_domain_free();
}

TEST(vuart16550_interrupts_follow_iir_priorities)
{
    uart_domain();
    /* Input while masked: no interrupt. */
    CHECK_EQ(vuart16550_receive(vm, &uart, "a", 1), 1);
    CHECK_EQ(rd(NS16550_IIR), IIR_NO_INT);
    CHECK_EQ(raised(), 0);

    /* Enabling it with data waiting raises the line at once. */
    wr(NS16550_IER, IER_ERBFI);
    CHECK_EQ(rd(NS16550_IIR), IIR_RDA);
    CHECK_EQ(raised(), 1);
    CHECK_EQ(test_injected[DOMAIN_ID], LINE);
    CHECK_EQ(irqs_counted(), 1);
    /* More input while the line is up: no second edge. */
    CHECK_EQ(vuart16550_receive(vm, &uart, "b", 1), 1);
    CHECK_EQ(raised(), 1);

    /* THR empty ranks below received data. */
    wr(NS16550_IER, IER_ERBFI | IER_ETBEI);
    CHECK_EQ(rd(NS16550_IIR), IIR_RDA);
    CHECK_EQ(rd(NS16550_RBR), 'a');
    CHECK_EQ(rd(NS16550_RBR), 'b');
    CHECK_EQ(rd(NS16550_IIR), IIR_THRE); /* reported, and so cleared */
    CHECK_EQ(rd(NS16550_IIR), IIR_NO_INT);
    CHECK_EQ(raised(), 1); /* the line stayed up until then */

    /* The line fell: new input raises it again, and is counted. */
    CHECK_EQ(vuart16550_receive(vm, &uart, "c", 1), 1);
    CHECK_EQ(raised(), 2);
    CHECK_EQ(irqs_counted(), 2);
    CHECK_EQ(rd(NS16550_RBR), 'c');
    CHECK_EQ(rd(NS16550_IIR), IIR_NO_INT);

    /* Writing THR empties it again at once: THRE comes back. */
    wr(NS16550_THR, 'x');
    CHECK_EQ(raised(), 3);
    CHECK_EQ(rd(NS16550_IIR), IIR_THRE);
    CHECK_EQ(rd(NS16550_IIR), IIR_NO_INT);

    /* Linux's THRE test: enabling ETBEI raises it, again after a
     * disable, even though IIR had cleared it. */
    wr(NS16550_IER, 0);
    wr(NS16550_IER, IER_ETBEI);
    CHECK_EQ(rd(NS16550_IIR), IIR_THRE);
    CHECK_EQ(raised(), 4);
    wr(NS16550_IER, 0);
    CHECK_EQ(rd(NS16550_IIR), IIR_NO_INT);
    wr(NS16550_IER, IER_ETBEI);
    CHECK_EQ(rd(NS16550_IIR), IIR_THRE);
    CHECK_EQ(raised(), 5);
    /* Disabling forgets a THRE not yet reported. */
    wr(NS16550_THR, 'y');
    wr(NS16550_IER, 0);
    wr(NS16550_IER, IER_ERBFI);
    CHECK_EQ(rd(NS16550_IIR), IIR_NO_INT);
    uart_domain_free();
}

TEST(vuart16550_transmits_to_the_domain_console)
{
    uart_domain();
    for (const char *s = "hi\n"; *s; s++) {
        CHECK_EQ(rd(NS16550_LSR) & LSR_THRE, LSR_THRE); /* as a polling guest checks */
        wr(NS16550_THR, (uint8_t)*s);
    }
    CHECK_EQ(test_console_len, strlen("(d3:uart) hi\n"));
    CHECK(memcmp(test_console, "(d3:uart) hi\n", test_console_len) == 0);
    CHECK_EQ(vm->stats.console_bytes, 3);
    uart_domain_free();
}

TEST(vuart16550_refuses_accesses_that_are_no_register)
{
    uint64_t v = 0;

    uart_domain();
    CHECK_EQ(access(NS16550_LSR, 4, false, &v), -EINVAL); /* byte registers only */
    CHECK_EQ(access(NS16550_THR, 2, true, &v), -EINVAL);
    CHECK_EQ(access(NS16550_REGS, 1, false, &v), -EINVAL); /* the hole after them */
    CHECK_EQ(access(VUART16550_SIZE - 1, 1, true, &v), -EINVAL);
    CHECK_EQ(test_console_len, 0);
    uart_domain_free();
}

TEST(vuart16550_reset_returns_to_the_boot_state)
{
    uart_domain();
    wr(NS16550_LCR, LCR_DLAB);
    wr(NS16550_DLL, 9);
    wr(NS16550_LCR, 0);
    wr(NS16550_IER, IER_ERBFI);
    wr(NS16550_SCR, 7);
    wr(NS16550_MCR, MCR_LOOP);
    wr(NS16550_FCR, FCR_FIFO_ENABLE);
    CHECK_EQ(vuart16550_receive(vm, &uart, "q", 1), 1);
    vuart16550_reset(&uart);
    CHECK_EQ(rd(NS16550_IER), 0);
    CHECK_EQ(rd(NS16550_SCR), 0);
    CHECK_EQ(rd(NS16550_MCR), 0);
    CHECK_EQ(rd(NS16550_IIR), IIR_NO_INT);
    CHECK_EQ(rd(NS16550_LSR), LSR_THRE | LSR_TEMT);
    CHECK_EQ(rd(NS16550_LCR), LCR_8N1);
    wr(NS16550_LCR, LCR_DLAB);
    CHECK_EQ(rd(NS16550_DLL), 2);
    /* Still registered where it was, driving the same line, which is
     * low again: the next input raises it. */
    CHECK_EQ(raised(), 1);
    test_injected[DOMAIN_ID] = 0;
    wr(NS16550_LCR, 0);
    wr(NS16550_IER, IER_ERBFI);
    CHECK_EQ(vuart16550_receive(vm, &uart, "r", 1), 1);
    CHECK_EQ(raised(), 2);
    CHECK_EQ(test_injected[DOMAIN_ID], LINE);
    uart_domain_free();
}

TEST(vuart16550_device_tree_node_says_how_to_drive_it)
{
    static uint8_t buf[1024];
    const uint32_t irq = __builtin_bswap32(LINE); /* cells are big-endian */
    struct fdt_writer w;
    struct fdt fdt;
    uint64_t base, size;
    uint32_t len;
    const void *p;
    int node;

    uart_domain();
    fdt_writer_init(&w, buf, sizeof(buf));
    fdt_begin_node(&w, "");
    fdt_property_u32(&w, "#address-cells", 2);
    fdt_property_u32(&w, "#size-cells", 2);
    fdt_begin_node(&w, "serial@10000000");
    vuart16550_fdt_props(&w, &uart, (const uint32_t[]){LINE}, 1);
    fdt_end_node(&w);
    fdt_end_node(&w);
    CHECK(fdt_writer_finish(&w) > 0);
    CHECK_EQ(fdt_open(&fdt, buf, sizeof(buf)), 0);
    node = fdt_find_compatible(&fdt, -1, "ns16550a");
    CHECK(node >= 0);
    CHECK_EQ(fdt_reg(&fdt, node, 2, 2, 0, &base, &size), 0);
    CHECK_EQ(base, BASE);
    CHECK_EQ(size, VUART16550_SIZE);
    p = fdt_prop(&fdt, node, "interrupts", &len);
    CHECK(p && len == 4 && memcmp(p, &irq, 4) == 0);
    p = fdt_prop(&fdt, node, "clock-frequency", &len);
    CHECK(p && len == 4 && fdt_read_u32(p) == 3686400);
    p = fdt_prop(&fdt, node, "reg-shift", &len);
    CHECK(p && len == 4 && fdt_read_u32(p) == 0);
    p = fdt_prop(&fdt, node, "reg-io-width", &len);
    CHECK(p && len == 4 && fdt_read_u32(p) == 1);
    uart_domain_free();
}
