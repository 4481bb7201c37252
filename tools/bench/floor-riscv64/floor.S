/* The riscv64 floor: the least an HS-mode hypervisor must do per exit. A
 * guest in VS mode traps; the vector saves the 31 guest GPRs, C dispatches
 * on scause, the vector restores them and returns with sret. */
    .section .text.head, "ax"
    .globl _start
_start:
    j 1f
    .balign 8
    .quad 0x200000           /* text_offset */
    .quad _end - _start      /* image_size */
    .quad 0
    .word 2, 0
    .quad 0
    .ascii "RISCV\0\0\0"
    .ascii "RSC\x05"
    .word 0
1:  la sp, stack_top
    la t0, trap_vector
    csrw stvec, t0
    la t0, frame
    csrw sscratch, t0
    call floor_main
2:  wfi
    j 2b

    .balign 4
trap_vector:
    csrrw t6, sscratch, t6
    sd x1, 0(t6)
    sd x2, 8(t6)
    sd x3, 16(t6)
    sd x4, 24(t6)
    sd x5, 32(t6)
    sd x6, 40(t6)
    sd x7, 48(t6)
    sd x8, 56(t6)
    sd x9, 64(t6)
    sd x10, 72(t6)
    sd x11, 80(t6)
    sd x12, 88(t6)
    sd x13, 96(t6)
    sd x14, 104(t6)
    sd x15, 112(t6)
    sd x16, 120(t6)
    sd x17, 128(t6)
    sd x18, 136(t6)
    sd x19, 144(t6)
    sd x20, 152(t6)
    sd x21, 160(t6)
    sd x22, 168(t6)
    sd x23, 176(t6)
    sd x24, 184(t6)
    sd x25, 192(t6)
    sd x26, 200(t6)
    sd x27, 208(t6)
    sd x28, 216(t6)
    sd x29, 224(t6)
    sd x30, 232(t6)
    csrr t0, sscratch
    sd t0, 240(t6)           /* the guest's t6 */
    csrw sscratch, t6
    mv a0, t6
    la sp, stack_top
    call floor_dispatch
    csrr t6, sscratch
    ld x1, 0(t6)
    ld x2, 8(t6)
    ld x3, 16(t6)
    ld x4, 24(t6)
    ld x5, 32(t6)
    ld x6, 40(t6)
    ld x7, 48(t6)
    ld x8, 56(t6)
    ld x9, 64(t6)
    ld x10, 72(t6)
    ld x11, 80(t6)
    ld x12, 88(t6)
    ld x13, 96(t6)
    ld x14, 104(t6)
    ld x15, 112(t6)
    ld x16, 120(t6)
    ld x17, 128(t6)
    ld x18, 136(t6)
    ld x19, 144(t6)
    ld x20, 152(t6)
    ld x21, 160(t6)
    ld x22, 168(t6)
    ld x23, 176(t6)
    ld x24, 184(t6)
    ld x25, 192(t6)
    ld x26, 200(t6)
    ld x27, 208(t6)
    ld x28, 216(t6)
    ld x29, 224(t6)
    ld x30, 232(t6)
    ld x31, 240(t6)
    sret

/* Guest code, run in VS mode with the G-stage mapping RAM 1:1. Each loop
 * does N operations between two reads of instret; the "own" loops do the
 * same with an instruction that does not trap, for the guest's share. */
    .balign 4
    .globl guest_entry
guest_entry:
    la sp, guest_stack_top
    la t0, guest_vector
    csrw stvec, t0
    li t0, (1 << 1) | (1 << 5)     /* SSIE, STIE */
    csrw sie, t0
    call guest_main
    li a7, 0x46494e           /* "FIN": the floor's own end-of-run call */
    ecall
3:  j 3b

    .balign 4
guest_vector:
    csrr t0, scause
    bltz t0, 4f
    j guest_vector            /* an exception: hang (visible as no table) */
4:  slli t0, t0, 1
    srli t0, t0, 1
    li t1, 5
    beq t0, t1, 5f
    csrc sip, 2               /* the software interrupt (IPI) */
    sret
5:  li t0, -1                 /* timer: push stimecmp far away */
    csrw stimecmp, t0
    sret

    .bss
    .balign 16
    .globl frame
frame: .space 256
    .space 8192
stack_top:
    .space 8192
guest_stack_top:
