/* The trap vector and the guest entry/exit path. While a guest runs,
 * sscratch holds its pCPU's struct pcpu, whose first member is the register
 * frame: a trap swaps it into sp, stores the guest's registers straight into
 * the frame, then switches to the stack of the pCPU loop (pcpu->host_sp)
 * for the C handler. While the hypervisor runs, sscratch is zero: it keeps
 * interrupts off (sstatus.SIE = 0), so a trap taken then is its own bug. */
#include <arch/csr.h>
#include <arch/pcpu_offsets.h>

#define X(n) (8 * (n))

    .text
    .balign 4
    .global trap_entry
trap_entry:
    csrrw   sp, CSR_SSCRATCH, sp
    beqz    sp, hyp_trap
    sd      x1, X(1)(sp)
    sd      x3, X(3)(sp)
    sd      x4, X(4)(sp)
    sd      x5, X(5)(sp)
    sd      x6, X(6)(sp)
    sd      x7, X(7)(sp)
    sd      x8, X(8)(sp)
    sd      x9, X(9)(sp)
    sd      x10, X(10)(sp)
    sd      x11, X(11)(sp)
    sd      x12, X(12)(sp)
    sd      x13, X(13)(sp)
    sd      x14, X(14)(sp)
    sd      x15, X(15)(sp)
    sd      x16, X(16)(sp)
    sd      x17, X(17)(sp)
    sd      x18, X(18)(sp)
    sd      x19, X(19)(sp)
    sd      x20, X(20)(sp)
    sd      x21, X(21)(sp)
    sd      x22, X(22)(sp)
    sd      x23, X(23)(sp)
    sd      x24, X(24)(sp)
    sd      x25, X(25)(sp)
    sd      x26, X(26)(sp)
    sd      x27, X(27)(sp)
    sd      x28, X(28)(sp)
    sd      x29, X(29)(sp)
    sd      x30, X(30)(sp)
    sd      x31, X(31)(sp)
    csrrw   t0, CSR_SSCRATCH, zero  /* the guest's sp; sscratch zero in HS */
    sd      t0, X(2)(sp)
    csrr    t0, CSR_SEPC
    sd      t0, REGS_SEPC_OFFSET(sp)
    mv      a0, sp
    mv      tp, sp
    ld      sp, PCPU_HOST_SP_OFFSET(a0)
    call    exit_dispatch
    /* Anything that changes what the vCPU must do next sets its attention
     * flag (and kicks its pCPU): only then is there more to do here. */
    ld      t0, PCPU_VCPU_OFFSET(tp)
    lbu     t0, VCPU_ATTENTION_OFFSET(t0)
    bnez    t0, attention
    mv      a0, tp
    /* fall through */

/* a0 = struct pcpu: restore the frame and enter the guest. */
guest_resume:
    /* Back into V mode (hstatus.SPV: every exit sets it, guest_run and a
     * faulted guest fetch set it again), at the privilege the trap saved
     * (sstatus.SPP, hstatus.SPVP: the guest's user mode stays user mode);
     * a vCPU's reset and an injected exception set them to its supervisor
     * mode. */
    ld      t0, REGS_SEPC_OFFSET(a0)
    csrw    CSR_SEPC, t0
    csrw    CSR_SSCRATCH, a0
    ld      x1, X(1)(a0)
    ld      x2, X(2)(a0)
    ld      x3, X(3)(a0)
    ld      x4, X(4)(a0)
    ld      x5, X(5)(a0)
    ld      x6, X(6)(a0)
    ld      x7, X(7)(a0)
    ld      x8, X(8)(a0)
    ld      x9, X(9)(a0)
    ld      x11, X(11)(a0)
    ld      x12, X(12)(a0)
    ld      x13, X(13)(a0)
    ld      x14, X(14)(a0)
    ld      x15, X(15)(a0)
    ld      x16, X(16)(a0)
    ld      x17, X(17)(a0)
    ld      x18, X(18)(a0)
    ld      x19, X(19)(a0)
    ld      x20, X(20)(a0)
    ld      x21, X(21)(a0)
    ld      x22, X(22)(a0)
    ld      x23, X(23)(a0)
    ld      x24, X(24)(a0)
    ld      x25, X(25)(a0)
    ld      x26, X(26)(a0)
    ld      x27, X(27)(a0)
    ld      x28, X(28)(a0)
    ld      x29, X(29)(a0)
    ld      x30, X(30)(a0)
    ld      x31, X(31)(a0)
    ld      x10, X(10)(a0)
    sret

/* void guest_run(struct pcpu *p): keeps the loop's callee-saved state
 * on its stack and records that stack for the exit path. */
    .global guest_run
guest_run:
    addi    sp, sp, -112
    sd      ra, 0(sp)
    sd      s0, 8(sp)
    sd      s1, 16(sp)
    sd      s2, 24(sp)
    sd      s3, 32(sp)
    sd      s4, 40(sp)
    sd      s5, 48(sp)
    sd      s6, 56(sp)
    sd      s7, 64(sp)
    sd      s8, 72(sp)
    sd      s9, 80(sp)
    sd      s10, 88(sp)
    sd      s11, 96(sp)
    sd      sp, PCPU_HOST_SP_OFFSET(a0)
    li      t0, HSTATUS_SPV
    csrs    CSR_HSTATUS, t0
    j       guest_resume

attention:
    mv      a0, tp
    call    exit_attention
    bnez    a0, leave_guest
    mv      a0, tp
    j       guest_resume

/* exit_attention() asked to leave: sp is back at host_sp. */
leave_guest:
    ld      ra, 0(sp)
    ld      s0, 8(sp)
    ld      s1, 16(sp)
    ld      s2, 24(sp)
    ld      s3, 32(sp)
    ld      s4, 40(sp)
    ld      s5, 48(sp)
    ld      s6, 56(sp)
    ld      s7, 64(sp)
    ld      s8, 72(sp)
    ld      s9, 80(sp)
    ld      s10, 88(sp)
    ld      s11, 96(sp)
    addi    sp, sp, 112
    ret

/* guest_insn_fetch_asm: guest_insn_fetch() (guest_insn.h): two hlvx.hu, each
 * checked by the hart as the guest's own fetch (both stages, execute
 * permission, hstatus.SPVP's privilege); the second only for a 32-bit
 * instruction, which may straddle pages. A fetch that faults continues
 * after itself with a1 = -1, and stval and htval, which the fault
 * overwrote, back at the guest fault's values, kept in t2 and t3
 * (hyp_trap); here it sets hstatus.SPV again, which that HS trap cleared
 * and guest_resume does not set. */
    .global guest_insn_fetch_asm
guest_insn_fetch_asm:
    mv      t1, a0
    li      a1, 0
    csrr    t2, CSR_STVAL
    csrr    t3, CSR_HTVAL
fetch_low:
    .4byte  0x64334573              /* hlvx.hu a0, (t1) */
    bnez    a1, 1f
    andi    t0, a0, 3
    addi    t0, t0, -3
    bnez    t0, 2f                  /* a 16-bit instruction */
    addi    t1, t1, 2
fetch_high:
    .4byte  0x643342f3              /* hlvx.hu t0, (t1) */
    bnez    a1, 1f
    slli    t0, t0, 16
    or      a0, a0, t0
2:  ret
1:  li      t0, HSTATUS_SPV
    csrs    CSR_HSTATUS, t0
    mv      a0, a1
    ret

/* A trap taken in HS mode: sp back from sscratch. A fault of a guest
 * fetch above continues after the faulting instruction with a1 = -1 and
 * the guest's stval and htval back from t2 and t3 (only a0, a1 and t0-t3
 * are live there). Anything else is a hypervisor bug: report, stop this
 * hart. */
hyp_trap:
    csrrw   sp, CSR_SSCRATCH, sp
    csrr    a0, CSR_SEPC
    la      a1, fetch_low
    beq     a0, a1, 1f
    la      a1, fetch_high
    bne     a0, a1, 2f
1:  addi    a0, a0, 4
    csrw    CSR_SEPC, a0
    csrw    CSR_STVAL, t2
    csrw    CSR_HTVAL, t3
    li      a1, -1
    sret
2:  csrr    a0, CSR_SCAUSE
    csrr    a1, CSR_SEPC
    csrr    a2, CSR_STVAL
    call    hyp_fault
    j       halt
