/* A UART model's receive FIFO: console input waits here until the guest
 * reads it. Larger than a real UART's (32 bytes for a PL011, 16 for a
 * 16550), so that a paste into the console is not lost while the guest is
 * slow to drain it. The model's own lock guards it. */
#ifndef SEPTUM_RX_FIFO_H
#define SEPTUM_RX_FIFO_H

#include <stddef.h>
#include <stdint.h>

#define RX_FIFO_SIZE 1024

struct rx_fifo {
    unsigned head;
    unsigned count;
    char buf[RX_FIFO_SIZE];
};

/* Queues what fits of buf; returns how many bytes that was. */
static inline size_t rx_fifo_push(struct rx_fifo *f, const char *buf, size_t len)
{
    size_t taken = 0;

    for (; taken < len && f->count < RX_FIFO_SIZE; taken++) {
        f->buf[(f->head + f->count) % RX_FIFO_SIZE] = buf[taken];
        f->count++;
    }
    return taken;
}

/* The oldest byte, taken out; 0 when there is none (what a UART's data
 * register reads when empty). */
static inline uint8_t rx_fifo_pop(struct rx_fifo *f)
{
    char c;

    if (!f->count)
        return 0;
    c = f->buf[f->head];
    f->head = (f->head + 1) % RX_FIFO_SIZE;
    f->count--;
    return (uint8_t)c;
}

#endif
