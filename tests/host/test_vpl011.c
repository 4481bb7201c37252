/* The emulated PL011 on the host: its receive FIFO, flag register,
 * interrupt status and the SPI it raises, and its transmit side. */
#include <string.h>
#include <septum/config.h>
#include <septum/devmgr.h>
#include <septum/vm.h>
#include <septum/pl011.h>
#include <septum/vuart.h>
#include "check.h"
#include "test_domain.h"
#include "test_hal.h"

#define UART_PERIPHID0 UART_ID
#define UART_CELLID3 0xffc

static struct vm *vm;

static uint32_t uart_read(uint64_t off)
{
    return (uint32_t)test_mmio_read(&vm->vcpus[0], SEPTUM_GUEST_UART_BASE + off, 4);
}

static void uart_write(uint64_t off, uint32_t v)
{
    test_mmio_write(&vm->vcpus[0], SEPTUM_GUEST_UART_BASE + off, v, 4);
}

/* Whether the UART raised its line (vm_raise_irq(), into the test
 * HAL's arch_inject_irq) since clear_spi(). */
static bool spi_pending(void)
{
    return test_injections[vm->id] && test_injected[vm->id] == arch_guest.uart_irq;
}

static void clear_spi(void)
{
    test_injections[vm->id] = 0;
}

static uint64_t irqs_counted(void)
{
    struct mmio_counters sum = {0}, c;

    for (unsigned i = 0; i < vm->devices.count; i++) {
        devmgr_sum_counters(&vm->devices, i, &c);
        sum.irqs += c.irqs;
    }
    return sum.irqs;
}

TEST(vpl011_fifo_keeps_order_and_reports_full_and_empty)
{
    char all[VPL011_RX_FIFO + 8];

    vm = test_domain(1);
    CHECK_EQ(uart_read(UART_FR), FR_TXFE | FR_RXFE);
    CHECK_EQ(vpl011_model.receive(vm, "abc", 3), 3);
    CHECK_EQ(uart_read(UART_FR), FR_TXFE);
    CHECK_EQ(uart_read(UART_DR), 'a');
    CHECK_EQ(uart_read(UART_DR), 'b');
    CHECK_EQ(uart_read(UART_DR), 'c');
    CHECK_EQ(uart_read(UART_FR), FR_TXFE | FR_RXFE);
    CHECK_EQ(uart_read(UART_DR), 0); /* empty: reads as 0 */

    /* Full: what does not fit is refused, not dropped silently. */
    for (unsigned i = 0; i < sizeof(all); i++)
        all[i] = (char)('0' + i % 64);
    CHECK_EQ(vpl011_model.receive(vm, all, sizeof(all)), VPL011_RX_FIFO);
    CHECK_EQ(uart_read(UART_FR), FR_TXFE | FR_RXFF);
    CHECK_EQ(vpl011_model.receive(vm, "x", 1), 0);
    for (unsigned i = 0; i < VPL011_RX_FIFO; i++)
        CHECK_EQ(uart_read(UART_DR), (uint8_t)all[i]); /* in order, across the wrap */
    CHECK_EQ(uart_read(UART_FR), FR_TXFE | FR_RXFE);
    CHECK_EQ(vpl011_model.receive(vm, "yz", 2), 2);
    CHECK_EQ(uart_read(UART_DR), 'y');
    test_domain_free(vm);
}

TEST(vpl011_raises_its_spi_only_while_unmasked)
{
    vm = test_domain(1);
    /* Masked: characters wait, no interrupt. */
    CHECK_EQ(vpl011_model.receive(vm, "a", 1), 1);
    CHECK_EQ(uart_read(UART_RIS), INT_TX | INT_RX | INT_RT);
    CHECK_EQ(uart_read(UART_MIS), 0);
    CHECK(!spi_pending());
    CHECK_EQ(irqs_counted(), 0);

    /* Unmasking with a condition standing raises the line at once. */
    uart_write(UART_IMSC, INT_RX | INT_RT);
    CHECK_EQ(uart_read(UART_IMSC), INT_RX | INT_RT);
    CHECK_EQ(uart_read(UART_MIS), INT_RX | INT_RT);
    CHECK(spi_pending());
    CHECK_EQ(irqs_counted(), 1);

    /* Drained: the condition is gone. */
    clear_spi();
    CHECK_EQ(uart_read(UART_DR), 'a');
    CHECK_EQ(uart_read(UART_RIS), INT_TX);
    CHECK_EQ(uart_read(UART_MIS), 0);

    /* New input while unmasked: raised again, and counted. */
    CHECK_EQ(vpl011_model.receive(vm, "b", 1), 1);
    CHECK(spi_pending());
    CHECK_EQ(irqs_counted(), 2);

    /* Transmit is always ready: unmasking TX raises it too. */
    clear_spi();
    CHECK_EQ(uart_read(UART_DR), 'b');
    uart_write(UART_IMSC, INT_TX);
    CHECK_EQ(uart_read(UART_MIS), INT_TX);
    CHECK(spi_pending());
    clear_spi();
    uart_write(UART_IMSC, 0);
    CHECK_EQ(vpl011_model.receive(vm, "c", 1), 1);
    CHECK(!spi_pending());
    test_domain_free(vm);
}

TEST(vpl011_transmits_to_the_domain_console_and_identifies_as_a_pl011)
{
    static const uint8_t ids[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

    vm = test_domain(1);
    strcpy(vm->config.name, "uart");
    vm->id = 5;
    for (const char *s = "hi\n"; *s; s++)
        uart_write(UART_DR, (uint8_t)*s);
    CHECK_EQ(test_console_len, strlen("(d5:uart) hi\n"));
    CHECK(memcmp(test_console, "(d5:uart) hi\n", test_console_len) == 0);
    CHECK_EQ(vm->stats.console_bytes, 3);
    for (unsigned i = 0; i < 8; i++)
        CHECK_EQ(uart_read(UART_PERIPHID0 + 4 * i), ids[i]);
    CHECK_EQ(uart_read(UART_CELLID3), 0xb1);
    CHECK_EQ(uart_read(UART_CR), 0x301); /* enabled, TX and RX, as left by a loader */
    uart_write(UART_CR, 0x300);
    CHECK_EQ(uart_read(UART_CR), 0x300);
    test_domain_free(vm);
}
