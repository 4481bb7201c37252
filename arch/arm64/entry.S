/* Exception vectors and the guest entry/exit path. While a guest runs, SP_EL2
 * points at its pCPU's struct pcpu, whose first member is the register frame:
 * an exit stores the guest's registers straight into it, then switches to the
 * stack of the pCPU loop (pcpu->host_sp) for the C handler. */
#include <arch/pcpu_offsets.h>

#define VECTOR_SYNC 0
#define VECTOR_IRQ 1
#define VECTOR_SERROR 2
#define VECTOR_AARCH32 3

.macro vector_entry label
    .balign 0x80
    b       \label
.endm

.macro guest_vector kind
    .balign 0x80
    stp     x0, x1, [sp, #0]
    mov     x1, #\kind
    b       guest_exit
.endm

    .section .text.vectors, "ax"
    .balign 0x800
    .global hyp_vectors
hyp_vectors:
    vector_entry hyp_exception      /* current EL, SP_EL0 */
    vector_entry hyp_exception
    vector_entry hyp_exception
    vector_entry hyp_exception
    vector_entry hyp_exception      /* current EL, SP_ELx */
    vector_entry hyp_exception
    vector_entry hyp_exception
    vector_entry hyp_exception
    guest_vector VECTOR_SYNC          /* lower EL, AArch64 */
    guest_vector VECTOR_IRQ
    guest_vector VECTOR_IRQ           /* FIQ: routed like IRQ, handled alike */
    guest_vector VECTOR_SERROR
    guest_vector VECTOR_AARCH32       /* lower EL, AArch32: not supported */
    guest_vector VECTOR_AARCH32
    guest_vector VECTOR_AARCH32
    guest_vector VECTOR_AARCH32

    .text
guest_exit:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    mrs     x2, elr_el2
    mrs     x3, spsr_el2
    stp     x30, x2, [sp, #240]
    str     x3, [sp, #256]
    mov     x0, sp
    ldr     x2, [x0, #PCPU_HOST_SP_OFFSET]
    mov     sp, x2
    bl      exit_dispatch
    /* Anything that changes what the vCPU must do next sets its attention
     * flag (and kicks its pCPU): only then is there more to do here. */
    mrs     x0, tpidr_el2
    ldr     x1, [x0, #PCPU_VCPU_OFFSET]
    ldrb    w1, [x1, #VCPU_ATTENTION_OFFSET]
    cbnz    w1, attention
    /* fall through */

/* x0 = struct pcpu: restore the frame and enter the guest. */
guest_resume:
    mov     sp, x0
    ldp     x30, x1, [sp, #240]
    ldr     x2, [sp, #256]
    msr     elr_el2, x1
    msr     spsr_el2, x2
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldp     x0, x1, [sp, #0]
    eret
    dsb     nsh                     /* no speculation past eret */
    isb

/* void guest_run(struct pcpu *p): keeps the loop's callee-saved state
 * on its stack and records that stack for the exit path. */
    .global guest_run
guest_run:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    mov     x1, sp
    str     x1, [x0, #PCPU_HOST_SP_OFFSET]
    b       guest_resume

attention:
    bl      exit_attention
    cbnz    x0, leave_guest
    mrs     x0, tpidr_el2
    b       guest_resume

/* exit_attention() asked to leave: sp is back at host_sp. */
leave_guest:
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret

/* An exception taken from EL2 itself is a hypervisor bug. */
hyp_exception:
    mrs     x0, esr_el2
    mrs     x1, elr_el2
    mrs     x2, far_el2
    bl      hyp_fault
    b       halt
