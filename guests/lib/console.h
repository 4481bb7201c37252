/* Line-oriented console output shared by all CPUs of a guest. */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stdarg.h>

/* printf to the UART; "\n" goes out as "\r\n". One call is printed without
 * interleaving with other CPUs, so print whole lines per call. Safe to call
 * from interrupt handlers: the console lock is held with IRQs masked. */
int console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int console_vprintf(const char *fmt, va_list ap);

#endif
