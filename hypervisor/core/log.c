/* The hypervisor log: a ring of everything logged since boot, mirrored on
 * the physical console. */
#include <septum/console.h>
#include <septum/format.h>
#include <septum/log.h>
#include <septum/ring.h>

static char log_buf[LOG_RING_SIZE];
static struct ring log_ring = {.buf = log_buf, .size = LOG_RING_SIZE, .lock = SPINLOCK_INIT};

void log_printf(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n > sizeof(line) - 2)
        n = sizeof(line) - 2;
    if (n == 0 || line[n - 1] != '\n')
        line[n++] = '\n';
    ring_write(&log_ring, line, (size_t)n);
    console_emit("(septum) ", line, (size_t)n);
}

size_t log_read(uint64_t from, char *buf, size_t len, uint64_t *next)
{
    return ring_read(&log_ring, from, buf, len, next);
}
