/* Entry code: the arm64 Linux Image header (Documentation/arch/arm64/
 * booting.rst), so that any loader that follows the Linux boot protocol can
 * start a guest; the boot CPU's path (x0 = DTB, MMU off, EL1) and the PSCI
 * CPU_ON entry of the secondaries (x0 = context id = logical index). */
#include "config.h"

/* SCTLR_EL1 with only its ARMv8.0 RES1 bits: MMU, caches and alignment
 * checks off, little-endian. Written in full because a loader need not
 * leave a known value behind. */
#define SCTLR_EL1_RES1 0x30d00800

/* Image header flags: little-endian (bit 0 = 0), 4 KiB pages (bits 1-2 =
 * 1), may be placed anywhere in RAM (bit 3). */
#define IMAGE_FLAGS 0xa
#define IMAGE_TEXT_OFFSET 0x80000

    .section .text.head, "ax"
    .global _start
_start:
    b       boot_entry              /* code0 */
    .long   0                       /* code1 */
    .quad   IMAGE_TEXT_OFFSET       /* text_offset */
    .quad   _image_size             /* image_size: text to end of stacks */
    .quad   IMAGE_FLAGS             /* flags */
    .quad   0                       /* res2 */
    .quad   0                       /* res3 */
    .quad   0                       /* res4 */
    .ascii  "ARM\x64"               /* magic */
    .long   0                       /* res5: no PE/COFF header */

/* Puts the CPU in the state the C code assumes; clobbers x1. */
.macro cpu_setup
    msr     daifset, #0xf
    msr     spsel, #1               /* EL1h: exceptions use this same stack */
    ldr     x1, =SCTLR_EL1_RES1
    msr     sctlr_el1, x1
    adrp    x1, exception_vectors
    add     x1, x1, :lo12:exception_vectors
    msr     vbar_el1, x1
    isb
.endm

boot_entry:
    mov     x19, x0                 /* DTB address */
    cpu_setup

    /* A loader need not clear bss (Xen does not). The linker script keeps
     * both ends 16-byte aligned. */
    adrp    x1, __bss_start
    add     x1, x1, :lo12:__bss_start
    adrp    x2, __bss_end
    add     x2, x2, :lo12:__bss_end
1:  cmp     x1, x2
    b.hs    2f
    stp     xzr, xzr, [x1], #16
    b       1b
2:
    adrp    x1, boot_stack_top
    add     x1, x1, :lo12:boot_stack_top
    mov     sp, x1
    /* Logical index 0 until cpus_discover() learns the real one. */
    msr     tpidr_el1, xzr
    mov     x29, xzr
    mov     x30, xzr
    mov     x0, x19
    bl      runtime_main
    b       park

    .global secondary_entry
secondary_entry:
    cpu_setup
    cmp     x0, #GUEST_MAX_CPUS
    b.hs    park                    /* no stack for such an index */
    adrp    x1, cpu_stacks
    add     x1, x1, :lo12:cpu_stacks
    add     x2, x0, #1
    mov     x3, #GUEST_STACK_SIZE
    madd    x1, x2, x3, x1          /* top of stack number x0 */
    mov     sp, x1
    msr     tpidr_el1, x0
    mov     x29, xzr
    mov     x30, xzr
    bl      secondary_main
    b       park

/* Dead end for a CPU with nothing left to do. A spin, not WFI: no interrupt
 * would ever wake it. */
park:
    msr     daifset, #0xf
1:  yield
    b       1b

    .ltorg

/* Stacks sit past bss in the image's footprint and are never cleared. */
    .section .stacks, "aw", %nobits
    .balign 16
boot_stack:
    .space  GUEST_STACK_SIZE
boot_stack_top:
cpu_stacks:
    .space  GUEST_STACK_SIZE * GUEST_MAX_CPUS
