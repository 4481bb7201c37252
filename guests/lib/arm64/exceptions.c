/* arm64: dispatch from the vector table (vectors.S) to the guest's
 * handlers, and what the arch API says about an exception (lib/arch.h). */
#include "arch.h"
#include "console.h"
#include "exceptions.h"
#include "runtime.h"

/* Vector table slots, in architectural order (Arm ARM D1.10.2). */
enum {
    VECTOR_CURRENT_SPX_SYNC = 4,
    VECTOR_CURRENT_SPX_IRQ = 5,
};

#define EC_UNKNOWN 0x00
#define EC_DABT_CURRENT_EL 0x25
#define ESR_IL (1ul << 25) /* a 32-bit instruction: every A64 one */
#define SPSR_MODE_MASK 0xful
#define SPSR_EL1H 0x5ul

/* A vector number is 4 * origin + kind. */
static const char *const vector_kinds[4] = {"sync", "irq", "fiq", "serror"};
static const char *const vector_origins[4] = {"EL1 with SP_EL0", "EL1", "lower EL (AArch64)",
                                              "lower EL (AArch32)"};

/* Called from vectors.S. */
void exception_dispatch(unsigned vector, struct exception_frame *frame);

void exception_dispatch(unsigned vector, struct exception_frame *frame)
{
    uint64_t esr = read_sysreg(esr_el1);
    uint64_t far = read_sysreg(far_el1);

    if (vector == VECTOR_CURRENT_SPX_SYNC && exception_handle_sync(frame, esr, far))
        return;
    if (vector == VECTOR_CURRENT_SPX_IRQ && exception_handle_irq(frame))
        return;
    console_printf("%s: FAIL unexpected %s exception from %s, esr 0x%lx elr 0x%lx far 0x%lx\n",
                   guest_name, vector_kinds[vector & 3], vector_origins[(vector >> 2) & 3],
                   (unsigned long)esr, (unsigned long)frame->elr, (unsigned long)far);
    system_off();
}

enum exception_kind exception_kind(uint64_t esr)
{
    if (!(esr & ESR_IL))
        return EXCEPTION_OTHER;
    switch (esr_class(esr)) {
    case EC_DABT_CURRENT_EL:
        return EXCEPTION_ACCESS_FAULT;
    case EC_UNKNOWN:
        return EXCEPTION_UNDEFINED;
    default:
        return EXCEPTION_OTHER;
    }
}

const char *exception_kind_name(enum exception_kind kind)
{
    return kind == EXCEPTION_ACCESS_FAULT ? "a data abort"
           : kind == EXCEPTION_UNDEFINED  ? "UNDEF"
                                          : "another exception";
}

uint64_t exception_pc(const struct exception_frame *frame)
{
    return frame->elr;
}

void exception_skip(struct exception_frame *frame)
{
    frame->elr += 4; /* every A64 instruction is 4 bytes */
}

bool exception_from_kernel(const struct exception_frame *frame)
{
    return (frame->spsr & SPSR_MODE_MASK) == SPSR_EL1H;
}
