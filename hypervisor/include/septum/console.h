/* The physical console is the hypervisor's; domains' output reaches it line
 * by line, each line prefixed with its domain, so that domains running side
 * by side never interleave within a line. */
#ifndef SEPTUM_CONSOLE_H
#define SEPTUM_CONSOLE_H

#include <stddef.h>

#define CONSOLE_LINE_MAX 160

struct vm;

struct console_line {
    char text[CONSOLE_LINE_MAX];
    unsigned len;
};

/* One character of a domain's console output. */
void console_domain_putc(struct vm *vm, char c);
/* Emits any partial line a domain left behind (at stop). */
void console_domain_flush(struct vm *vm);
/* Writes prefix and text as one unit on the physical console. */
void console_emit(const char *prefix, const char *text, size_t len);

#endif
