/* Learning a serial terminal's size by asking the terminal. */
#ifndef SEPTUM_TERM_SIZE_H
#define SEPTUM_TERM_SIZE_H

#include <stdbool.h>

/* On a serial line, which carries no window size, asks the terminal on fd
 * where a cursor sent far off lands (as xterm's resize does) and gives the
 * answer to the kernel, which signals SIGWINCH when it changed. Does
 * nothing elsewhere (a terminal window's pty knows its size). Returns
 * whether the size changed. */
bool term_size_ask(int fd);

#endif
