/* What differs between Septum and Xen, from the device tree each one writes
 * for its guest: who the hypervisor is, where the UART and the GIC are. */
#include <septum/errno.h>
#include "lib/uart.h"
#include "bench.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_FR_TXFF (1u << 5)
#define TXFF_POLL_LIMIT 1000000

static volatile uintptr_t console_uart;

void console_use_uart(uintptr_t base)
{
    console_uart = base;
}

/* Replaces the runtime library's uart_putc (lib/uart.c, which writes to
 * Septum's fixed PL011 address): the linker takes a symbol from the archive
 * only when no object defines it. Xen's vpl011 sits elsewhere, and every
 * library message (failure reports included) must reach the right UART. */
void uart_putc(char c)
{
    volatile uint32_t *uart = (volatile uint32_t *)console_uart;

    if (!uart)
        return;
    for (int i = 0; i < TXFF_POLL_LIMIT && (uart[UART_FR / 4] & UART_FR_TXFF); i++)
        ;
    uart[UART_DR / 4] = (uint32_t)(unsigned char)c;
}

/* Returns Xen's version (major << 16 | minor); Septum refuses the
 * immediate with SMCCC_NOT_SUPPORTED (-1). */
static int64_t xen_version(void)
{
    register uint64_t x0 __asm__("x0") = XENVER_VERSION;
    register uint64_t x1 __asm__("x1") = 0;
    register uint64_t x16 __asm__("x16") = XEN_HC_XEN_VERSION;

    __asm__ volatile("hvc #%[tag]"
                     : "+r"(x0), "+r"(x1), "+r"(x16)
                     : [tag] "i"(XEN_HYPERCALL_TAG)
                     : "x2", "x3", "x4", "x5", "memory");
    return (int64_t)x0;
}

/* The index-th reg entry of the first node compatible with compatible,
 * read with the root's cell counts (both hypervisors put these devices
 * directly under the root). */
static int node_reg(const struct fdt *fdt, const char *compatible, int index, uintptr_t *base)
{
    int root = fdt_root(fdt);
    int node = fdt_find_compatible(fdt, -1, compatible);
    uint64_t address, size;

    if (node < 0 || fdt_reg(fdt, node, fdt_address_cells(fdt, root), fdt_size_cells(fdt, root),
                            index, &address, &size))
        return -ENOENT;
    *base = (uintptr_t)address;
    return 0;
}

int platform_discover(const struct fdt *fdt, struct platform *p)
{
    if (fdt_find_compatible(fdt, -1, "septum,hypervisor") >= 0)
        p->hyp = HYP_SEPTUM;
    else if (xen_version() > 0)
        p->hyp = HYP_XEN;
    else
        return -ENOENT;
    if (node_reg(fdt, "arm,pl011", 0, &p->uart) && node_reg(fdt, "arm,sbsa-uart", 0, &p->uart))
        return -ENOENT;
    if (node_reg(fdt, "arm,gic-v3", 0, &p->gicd) || node_reg(fdt, "arm,gic-v3", 1, &p->gicr))
        return -ENOENT;
    return 0;
}
