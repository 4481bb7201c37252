/* The terminal on stdin while a console is attached. */
#ifndef SEPTUM_TERMINAL_H
#define SEPTUM_TERMINAL_H

#include <stdbool.h>

/* Puts stdin's terminal in raw mode, so that every key (Ctrl-C included)
 * goes to the domain, and makes SIGINT, SIGTERM and SIGHUP end the session
 * rather than the process, so that the terminal is always restored.
 * Returns 0 or a negative errno. */
int terminal_raw(void);
void terminal_restore(void);

/* Whether one of those signals arrived since terminal_raw(). */
bool terminal_signalled(void);

#endif
