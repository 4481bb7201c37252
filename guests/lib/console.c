/* Console printf: the shared formatter writing into the PL011, serialised
 * across CPUs by a bakery lock. */
#include <stdint.h>
#include <septum/format.h>
#include "console.h"
#include "cpu.h"
#include "lock.h"
#include "sysreg.h"
#include "uart.h"

static struct bakery_lock console_lock;

static void uart_sink(void *ctx, char c)
{
    (void)ctx;
    if (c == '\n')
        uart_putc('\r');
    uart_putc(c);
}

int console_vprintf(const char *fmt, va_list ap)
{
    /* IRQs stay masked while the lock is held, so a handler that prints
     * cannot interrupt its own CPU's holder and deadlock. */
    uint64_t daif = read_sysreg(daif);
    unsigned self = cpu_index();
    int n;

    irq_disable();
    bakery_lock(&console_lock, self);
    n = format_to(uart_sink, NULL, fmt, ap);
    bakery_unlock(&console_lock, self);
    write_sysreg(daif, daif);
    return n;
}

int console_printf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = console_vprintf(fmt, ap);
    va_end(ap);
    return n;
}
