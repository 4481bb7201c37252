/* EL1 exception handling: a vector table (vectors.S) that saves the
 * interrupted registers and calls the handlers a guest installs. */
#ifndef GUEST_EXCEPTIONS_H
#define GUEST_EXCEPTIONS_H

#include <stdbool.h>
#include <stdint.h>

/* Layout shared with vectors.S. */
struct exception_frame {
    uint64_t x[31];
    uint64_t elr;
    uint64_t spsr;
    uint64_t pad; /* keeps the frame a multiple of 16 bytes */
};

/* A synchronous exception from EL1. Return true to resume at frame->elr
 * (which the handler may advance), false for the default report and
 * power-off. */
typedef bool (*sync_handler)(struct exception_frame *frame, uint64_t esr, uint64_t far);

/* An IRQ: the handler acknowledges and ends the interrupt itself. */
typedef void (*irq_handler)(struct exception_frame *frame);

/* Shared by all CPUs of the guest. */
void exceptions_set_sync_handler(sync_handler handler);
void exceptions_set_irq_handler(irq_handler handler);

/* ESR_EL1 exception class. */
static inline unsigned esr_class(uint64_t esr)
{
    return (unsigned)(esr >> 26) & 0x3f;
}

#endif
