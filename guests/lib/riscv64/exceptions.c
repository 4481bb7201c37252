/* riscv64: dispatch from the trap entry (vectors.S) to the guest's
 * handlers, and what the arch API says about an exception (lib/arch.h). */
#include "arch.h"
#include "console.h"
#include "exceptions.h"
#include "runtime.h"

#define SCAUSE_INTERRUPT (1ul << 63)
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_STORE_ACCESS 7 /* store or AMO */
#define SSTATUS_SPP (1ul << 8)

/* Called from vectors.S. */
void exception_dispatch(struct exception_frame *frame);

void exception_dispatch(struct exception_frame *frame)
{
    bool interrupt = frame->scause & SCAUSE_INTERRUPT;

    if (interrupt ? exception_handle_irq(frame)
                  : exception_handle_sync(frame, frame->scause, frame->stval))
        return;
    console_printf("%s: FAIL unexpected %s %lu, sepc 0x%lx stval 0x%lx\n", guest_name,
                   interrupt ? "interrupt" : "exception",
                   (unsigned long)(frame->scause & ~SCAUSE_INTERRUPT), (unsigned long)frame->sepc,
                   (unsigned long)frame->stval);
    system_off();
}

enum exception_kind exception_kind(uint64_t cause)
{
    switch (cause) {
    case CAUSE_LOAD_ACCESS:
    case CAUSE_STORE_ACCESS:
        return EXCEPTION_ACCESS_FAULT;
    case CAUSE_ILLEGAL_INSTRUCTION:
        return EXCEPTION_UNDEFINED;
    default:
        return EXCEPTION_OTHER;
    }
}

const char *exception_kind_name(enum exception_kind kind)
{
    return kind == EXCEPTION_ACCESS_FAULT ? "an access fault"
           : kind == EXCEPTION_UNDEFINED  ? "an illegal instruction"
                                          : "another exception";
}

uint64_t exception_pc(const struct exception_frame *frame)
{
    return frame->sepc;
}

/* A compressed instruction (C extension) is 2 bytes: its low bits are not
 * 0b11. Read as halfwords, since sepc need only be 2-byte aligned. */
void exception_skip(struct exception_frame *frame)
{
    uint16_t low = *(const volatile uint16_t *)(uintptr_t)frame->sepc;

    frame->sepc += (low & 3) == 3 ? 4 : 2;
}

bool exception_from_kernel(const struct exception_frame *frame)
{
    return frame->sstatus & SSTATUS_SPP;
}
