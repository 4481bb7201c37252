/* A byte ring that remembers how many bytes ever went through it, so that
 * readers name positions (bytes since the start) and can tell what they
 * missed. Used for the hypervisor log and for every domain's console. */
#ifndef SEPTUM_RING_H
#define SEPTUM_RING_H

#include <stddef.h>
#include <stdint.h>
#include <septum/spinlock.h>

struct ring {
    char *buf;
    size_t size;
    uint64_t head; /* bytes written since the start */
    spinlock_t lock;
};

void ring_init(struct ring *r, char *buf, size_t size);
void ring_write(struct ring *r, const char *s, size_t len);
/* Copies up to len bytes from position `from` (clamped to the oldest byte
 * still held); returns the count and stores the position after them. */
size_t ring_read(struct ring *r, uint64_t from, char *out, size_t len, uint64_t *next);

#endif
