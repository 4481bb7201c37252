/* Console printf: the shared formatter writing into the UART, serialised
 * across CPUs by a bakery lock. */
#include <stdint.h>
#include <septum/format.h>
#include "arch.h"
#include "console.h"
#include "lock.h"

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
    uint64_t flags = irq_save();
    unsigned self = cpu_index();
    int n;

    bakery_lock(&console_lock, self);
    n = format_to(uart_sink, NULL, fmt, ap);
    bakery_unlock(&console_lock, self);
    irq_restore(flags);
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
