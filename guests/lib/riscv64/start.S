/* Entry code: the RISC-V Linux Image header (Documentation/arch/riscv/
 * boot-image-header.rst), so that any loader that follows the Linux boot
 * protocol can start a guest; the boot hart's path (a0 = hart id, a1 = DTB,
 * S mode, translation off) and the SBI HSM hart_start entry of the
 * secondaries (a0 = hart id, a1 = opaque = logical index). */
#include "config.h"

#define IMAGE_TEXT_OFFSET 0x200000  /* where QEMU and Linux loaders put it */
#define IMAGE_VERSION 0x2           /* header version 0.2 */
#define SSTATUS_SIE 0x2

/* Puts the hart in the state the C code assumes: interrupts masked and
 * disabled, the hart id in sscratch, the vector installed; clobbers t0. */
.macro cpu_setup
    csrci   sstatus, SSTATUS_SIE
    csrw    sie, zero
    csrw    sscratch, a0
    la      t0, exception_entry
    csrw    stvec, t0
.endm

    .section .text.head, "ax"
    .option push
    .option norvc                   /* code0 must be one 4-byte jump */
    .global _start
_start:
    j       boot_entry              /* code0 */
    .long   0                       /* code1 */
    .quad   IMAGE_TEXT_OFFSET       /* text_offset */
    .quad   _image_size             /* image_size: text to end of stacks */
    .quad   0                       /* flags: little-endian */
    .long   IMAGE_VERSION           /* version */
    .long   0                       /* res1 */
    .quad   0                       /* res2 */
    .ascii  "RISCV\0\0\0"           /* magic (deprecated) */
    .ascii  "RSC\x05"               /* magic2 */
    .long   0                       /* res3: no PE/COFF header */
    .option pop

boot_entry:
    cpu_setup
    mv      s0, a1                  /* DTB address */

    /* A loader need not clear bss. The linker script keeps both ends
     * 16-byte aligned. */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    sd      zero, 8(t0)
    addi    t0, t0, 16
    j       1b
2:
    la      sp, boot_stack_top
    /* Logical index 0 until cpus_discover() learns the real one. */
    li      tp, 0
    mv      a0, s0
    call    runtime_main
    j       park

    .global secondary_entry
secondary_entry:
    cpu_setup
    li      t0, GUEST_MAX_CPUS
    bgeu    a1, t0, park            /* no stack for such an index */
    la      t0, cpu_stacks
    addi    t1, a1, 1
    li      t2, GUEST_STACK_SIZE
    mul     t1, t1, t2
    add     sp, t0, t1              /* top of stack number a1 */
    mv      tp, a1
    mv      a0, a1
    call    secondary_main

/* Dead end for a hart with nothing left to do. A spin, not WFI: no
 * interrupt would ever wake it. */
park:
    csrci   sstatus, SSTATUS_SIE
1:  pause
    j       1b

/* Stacks sit past bss in the image's footprint and are never cleared. */
    .section .stacks, "aw", @nobits
    .balign 16
boot_stack:
    .space  GUEST_STACK_SIZE
boot_stack_top:
cpu_stacks:
    .space  GUEST_STACK_SIZE * GUEST_MAX_CPUS
