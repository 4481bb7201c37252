/* Exception handling: the architecture's vectors (lib/<arch>/) save the
 * interrupted registers in a struct exception_frame (arch_defs.h) and call
 * the handlers a guest installs. Anything a guest did not ask for is
 * reported as a failure and powers the guest off, so a stray exception ends
 * a test run instead of hanging it. */
#ifndef GUEST_EXCEPTIONS_H
#define GUEST_EXCEPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include "arch.h"

/* A synchronous exception from the guest's kernel mode, with its cause and
 * fault address as arch.h describes them. Return true to resume at the
 * frame's pc (which the handler may advance with exception_skip()), false
 * for the default report and power-off. */
typedef bool (*sync_handler)(struct exception_frame *frame, uint64_t cause, uint64_t addr);

/* An IRQ: the handler acknowledges and ends the interrupt itself. */
typedef void (*irq_handler)(struct exception_frame *frame);

/* Shared by all CPUs of the guest. */
void exceptions_set_sync_handler(sync_handler handler);
void exceptions_set_irq_handler(irq_handler handler);

/* For the architecture's dispatch: true when a guest's handler took it. */
bool exception_handle_sync(struct exception_frame *frame, uint64_t cause, uint64_t addr);
bool exception_handle_irq(struct exception_frame *frame);

#endif
