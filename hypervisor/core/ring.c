/* Byte rings with absolute positions. */
#include <septum/ring.h>

void ring_init(struct ring *r, char *buf, size_t size)
{
    *r = (struct ring){.buf = buf, .size = size, .lock = SPINLOCK_INIT};
}

void ring_write(struct ring *r, const char *s, size_t len)
{
    spin_lock(&r->lock);
    for (size_t i = 0; i < len; i++)
        r->buf[(r->head + i) % r->size] = s[i];
    r->head += len;
    spin_unlock(&r->lock);
}

size_t ring_read(struct ring *r, uint64_t from, char *out, size_t len, uint64_t *next)
{
    size_t copied = 0;

    spin_lock(&r->lock);
    if (r->head > r->size && from < r->head - r->size)
        from = r->head - r->size; /* older bytes were overwritten */
    if (from > r->head)
        from = r->head;
    while (from < r->head && copied < len)
        out[copied++] = r->buf[from++ % r->size];
    spin_unlock(&r->lock);
    *next = from;
    return copied;
}
