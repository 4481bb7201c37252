/* The physical console is the hypervisor's. Every domain's output is kept
 * in a ring the control domain reads (`septum console`, the way to use a
 * domain's shell). The control domain's output also goes to the physical
 * console as it comes (a shell prompt has no newline); another domain's
 * goes there only when it is shown (no control domain, or it has the
 * focus: console.c's shown()), line by line, each line prefixed with its
 * domain, so that domains running side by side never interleave within a
 * line. Input goes to the domain that has the focus; Ctrl-a three times
 * moves the focus on (like Xen's). */
#ifndef SEPTUM_CONSOLE_H
#define SEPTUM_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <septum/ring.h>
#include <septum/spinlock.h>

#define CONSOLE_LINE_MAX 160
#define CONSOLE_RING_SIZE 16384
#define CONSOLE_SWITCH_CHAR 0x01 /* Ctrl-a */

struct vm;

struct console {
    spinlock_t lock; /* the line: a domain's vCPUs write it concurrently */
    struct ring ring;
    char ring_buf[CONSOLE_RING_SIZE];
    char line[CONSOLE_LINE_MAX];
    unsigned line_len;
};

void console_init(struct vm *vm);
/* One character of a domain's console output. */
void console_domain_putc(struct vm *vm, char c);
/* Emits any partial line a domain left behind (at stop). */
void console_domain_flush(struct vm *vm);
/* Writes prefix and text as one unit on the physical console. */
void console_emit(const char *prefix, const char *text, size_t len);
/* A character typed on the physical console. */
void console_input(char c);
/* Gives the input focus to the control domain, else the first domain. */
void console_focus_default(void);

#endif
