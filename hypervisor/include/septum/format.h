/* printf-style formatting for freestanding code: %d %i %u %x %X %p %s %c %%,
 * flags '-' and '0', a field width, and the l, ll and z length modifiers. */
#ifndef SEPTUM_FORMAT_H
#define SEPTUM_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_sink)(void *ctx, char c);

/* Formats into a sink, one character at a time; returns characters produced. */
int format_to(format_sink sink, void *ctx, const char *fmt, va_list ap);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
