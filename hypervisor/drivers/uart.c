/* The hypervisor's console: the UART /chosen/stdout-path names if a driver
 * knows it, else the first UART a driver knows (septum/uart.h). */
#include <septum/arch.h>
#include <septum/console.h>
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/hal.h>
#include <septum/platform.h>
#include <septum/uart.h>

static const struct uart_driver *const drivers[] = {
    &pl011_driver,
    &ns16550_driver,
};

#define NR_DRIVERS (sizeof(drivers) / sizeof(drivers[0]))

static const struct uart_driver *driver_of(const struct fdt *fdt, int node)
{
    for (unsigned i = 0; node >= 0 && i < NR_DRIVERS; i++) {
        if (fdt_is_compatible(fdt, node, drivers[i]->compatible))
            return drivers[i];
    }
    return NULL;
}

/* The node stdout-path names ("/path" or "/path:options"), or -ENOENT. */
static int stdout_node(const struct fdt *fdt)
{
    int chosen = fdt_find_path(fdt, "/chosen");
    const char *path = chosen >= 0 ? fdt_prop_string(fdt, chosen, "stdout-path") : NULL;
    char node_path[128];
    size_t len = 0;

    if (!path || path[0] != '/')
        return -ENOENT;
    while (path[len] && path[len] != ':' && len < sizeof(node_path) - 1) {
        node_path[len] = path[len];
        len++;
    }
    node_path[len] = '\0';
    return fdt_find_path(fdt, node_path);
}

int uart_probe(const struct fdt *fdt)
{
    int root = fdt_root(fdt);
    int uart = stdout_node(fdt);
    const struct uart_driver *driver = driver_of(fdt, uart);
    uint32_t len;
    const uint8_t *irq;
    unsigned line;

    for (unsigned i = 0; !driver && i < NR_DRIVERS; i++) {
        uart = fdt_find_compatible(fdt, -1, drivers[i]->compatible);
        driver = driver_of(fdt, uart);
    }
    if (!driver)
        return -ENOENT;
    irq = fdt_prop(fdt, uart, "interrupts", &len);
    if (irq && len >= 4 * arch_guest.irq_cells && arch_irq_parse(irq, &line) == 0)
        platform.uart_irq = line;
    platform.uart_driver = driver;
    return fdt_reg(fdt, uart, fdt_address_cells(fdt, root), fdt_size_cells(fdt, root), 0,
                   &platform.uart, &platform.uart_size);
}

void hal_console_write(const char *s, size_t len)
{
    const struct uart_driver *d = platform.uart_driver;

    if (!d)
        return;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            d->putc(platform.uart, '\r');
        d->putc(platform.uart, s[i]);
    }
}

void uart_rx_interrupt(void)
{
    const struct uart_driver *d = platform.uart_driver;

    for (int c = d ? d->getc(platform.uart) : -1; c >= 0; c = d->getc(platform.uart))
        console_input((char)c);
}

void uart_enable_rx_irq(void)
{
    if (platform.uart_driver)
        platform.uart_driver->enable_rx_irq(platform.uart);
}
