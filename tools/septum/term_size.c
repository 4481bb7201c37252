/* Asks a serial terminal for its size (the cursor position report). */
#include <linux/serial.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "term_size.h"

/* Save the cursor, move it as far as the terminal allows, ask where it is,
 * restore it. */
#define QUERY "\0337\033[999;999H\033[6n\0338"
/* A terminal answers at once; one that never answers costs this much. */
#define ANSWER_TIMEOUT_MS 2000

/* Reads the answer, ESC [ ROWS ; COLS R, into ws. */
static bool read_answer(int fd, struct winsize *ws)
{
    char answer[32];
    size_t len = 0;
    unsigned rows, cols;

    while (len < sizeof(answer) - 1) {
        struct pollfd p = {.fd = fd, .events = POLLIN};

        if (poll(&p, 1, ANSWER_TIMEOUT_MS) <= 0 || read(fd, &answer[len], 1) != 1)
            return false;
        if (answer[len++] == 'R')
            break;
    }
    answer[len] = 0;
    if (sscanf(answer, "\033[%u;%uR", &rows, &cols) != 2 || !rows || !cols || rows > 0xffff ||
        cols > 0xffff)
        return false;
    ws->ws_row = (unsigned short)rows;
    ws->ws_col = (unsigned short)cols;
    return true;
}

bool term_size_ask(int fd)
{
    struct serial_struct serial;
    struct termios saved, raw;
    struct winsize old, ws = {0};
    bool answered;

    if (ioctl(fd, TIOCGSERIAL, &serial) < 0 || tcgetattr(fd, &saved) < 0 ||
        ioctl(fd, TIOCGWINSZ, &old) < 0)
        return false;
    raw = saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &raw) < 0)
        return false;
    answered = write(fd, QUERY, strlen(QUERY)) == (ssize_t)strlen(QUERY) && read_answer(fd, &ws);
    tcsetattr(fd, TCSANOW, &saved);
    if (!answered || (ws.ws_row == old.ws_row && ws.ws_col == old.ws_col))
        return false;
    return ioctl(fd, TIOCSWINSZ, &ws) == 0;
}
