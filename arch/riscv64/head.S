/* Image header (the Linux RISC-V boot image format, which QEMU and OpenSBI
 * honour) and the first instructions of every hart. OpenSBI enters the
 * boot hart in HS mode with a0 = hart id, a1 = DTB; the other harts start
 * through SBI HSM at secondary_entry with a0 = hart id, a1 = pCPU index. */
#include <arch/csr.h>

#define STACK_SIZE 16384
#define STACK_SHIFT 14

    .section .text.head, "ax"
    .option push
    .option norvc
    .global _start
_start:
    j       primary_entry           /* code0 */
    .long   0                       /* code1 */
    .quad   0x200000                /* text_offset */
    .quad   __image_end - _start    /* image_size, bss included */
    .quad   0                       /* flags: little-endian */
    .long   0x2                     /* header version 0.2 */
    .long   0
    .quad   0
    .ascii  "RISCV\0\0\0"           /* magic (deprecated, still checked) */
    .ascii  "RSC\x05"               /* magic2 */
    .long   0
    .option pop

primary_entry:
    csrw    CSR_SIE, zero
    csrw    CSR_SSCRATCH, zero      /* zero while in HS: entry.S tells traps apart */
    mv      s0, a0                  /* hart id */
    mv      s1, a1                  /* DTB */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  la      t0, boot_hart
    sd      s0, 0(t0)
    li      a0, 0
    call    set_stack
    mv      a0, s1
    call    boot_primary
    j       halt

    .global secondary_entry
secondary_entry:
    csrw    CSR_SIE, zero
    csrw    CSR_SSCRATCH, zero
    mv      s0, a1                  /* pCPU index */
    mv      a0, s0
    call    set_stack
    mv      a0, s0
    call    boot_secondary
    j       halt

/* sp = top of pCPU a0's stack; installs the trap vector. Clobbers t0. */
set_stack:
    addi    a0, a0, 1
    slli    a0, a0, STACK_SHIFT
    la      t0, pcpu_stacks
    add     sp, t0, a0
    la      t0, trap_entry
    csrw    CSR_STVEC, t0
    ret

    .global halt
halt:
    wfi
    j       halt

    .section .bss
    .balign 8
    .global boot_hart
boot_hart:
    .space  8

    .section .bss.stacks, "aw", %nobits
    .balign 16
pcpu_stacks:
    .space  STACK_SIZE * 8
