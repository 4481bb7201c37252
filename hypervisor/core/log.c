/* The hypervisor log: a ring of everything logged since boot, mirrored on
 * the physical console. */
#include <septum/console.h>
#include <septum/format.h>
#include <septum/log.h>
#include <septum/spinlock.h>

static char ring[LOG_RING_SIZE];
static size_t ring_head; /* bytes written since boot */
static spinlock_t ring_lock = SPINLOCK_INIT;

static void ring_append(const char *s, size_t len)
{
    spin_lock(&ring_lock);
    for (size_t i = 0; i < len; i++)
        ring[(ring_head + i) % LOG_RING_SIZE] = s[i];
    ring_head += len;
    spin_unlock(&ring_lock);
}

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
    ring_append(line, (size_t)n);
    console_emit("(septum) ", line, (size_t)n);
}

size_t log_read(size_t from, char *buf, size_t len, size_t *next)
{
    size_t copied = 0;

    spin_lock(&ring_lock);
    /* Bytes older than one ring's worth have been overwritten. */
    if (ring_head > LOG_RING_SIZE && from < ring_head - LOG_RING_SIZE)
        from = ring_head - LOG_RING_SIZE;
    while (from < ring_head && copied < len)
        buf[copied++] = ring[from++ % LOG_RING_SIZE];
    spin_unlock(&ring_lock);
    *next = from;
    return copied;
}
