/* The handlers a guest installs, shared by the architectures' dispatch. */
#include "exceptions.h"

static sync_handler volatile guest_sync_handler;
static irq_handler volatile guest_irq_handler;

void exceptions_set_sync_handler(sync_handler handler)
{
    guest_sync_handler = handler;
}

void exceptions_set_irq_handler(irq_handler handler)
{
    guest_irq_handler = handler;
}

bool exception_handle_sync(struct exception_frame *frame, uint64_t cause, uint64_t addr)
{
    sync_handler sync = guest_sync_handler;

    return sync && sync(frame, cause, addr);
}

bool exception_handle_irq(struct exception_frame *frame)
{
    irq_handler irq = guest_irq_handler;

    if (!irq)
        return false;
    irq(frame);
    return true;
}
