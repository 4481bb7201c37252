/* Dispatch from the vector table. Anything a guest did not ask for is
 * reported as a failure and powers the guest off, so a stray exception
 * ends a test run instead of hanging it. */
#include "console.h"
#include "exceptions.h"
#include "psci.h"
#include "runtime.h"
#include "sysreg.h"

/* Vector table slots, in architectural order (Arm ARM D1.10.2). */
enum {
    VECTOR_CURRENT_SPX_SYNC = 4,
    VECTOR_CURRENT_SPX_IRQ = 5,
};

/* A vector number is 4 * origin + kind. */
static const char *const vector_kinds[4] = {"sync", "irq", "fiq", "serror"};
static const char *const vector_origins[4] = {"EL1 with SP_EL0", "EL1", "lower EL (AArch64)",
                                              "lower EL (AArch32)"};

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

/* Called from vectors.S. */
void exception_dispatch(unsigned vector, struct exception_frame *frame);

void exception_dispatch(unsigned vector, struct exception_frame *frame)
{
    uint64_t esr = read_sysreg(esr_el1);
    uint64_t far = read_sysreg(far_el1);
    sync_handler sync = guest_sync_handler;
    irq_handler irq = guest_irq_handler;

    if (vector == VECTOR_CURRENT_SPX_SYNC && sync && sync(frame, esr, far))
        return;
    if (vector == VECTOR_CURRENT_SPX_IRQ && irq) {
        irq(frame);
        return;
    }
    console_printf("%s: FAIL unexpected %s exception from %s, esr 0x%lx elr 0x%lx far 0x%lx\n",
                   guest_name, vector_kinds[vector & 3], vector_origins[(vector >> 2) & 3],
                   (unsigned long)esr, (unsigned long)frame->elr, (unsigned long)far);
    psci_system_off();
}
