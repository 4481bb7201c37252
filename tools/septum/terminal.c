/* Raw mode for an attached console, restored however the session ends. */
#include <errno.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include "terminal.h"

static struct termios saved;
static volatile sig_atomic_t signalled;

static void on_signal(int sig)
{
    (void)sig;
    signalled = 1;
}

int terminal_raw(void)
{
    struct sigaction sa = {.sa_handler = on_signal}; /* no SA_RESTART: poll() wakes up */
    struct termios raw;

    if (tcgetattr(STDIN_FILENO, &saved) < 0)
        return -errno;
    raw = saved;
    cfmakeraw(&raw);
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) < 0)
        return -errno;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    return 0;
}

void terminal_restore(void)
{
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
}

bool terminal_signalled(void)
{
    return signalled;
}
