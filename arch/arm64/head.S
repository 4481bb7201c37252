/* Image header and the first instructions of every pCPU. The hypervisor is
 * linked at a fixed address (RAM base + text_offset), which QEMU and boot
 * loaders honour because image_size is non-zero. */
#define STACK_SIZE 16384
#define SCTLR_EL2_RES1 0x30c50830

    .section .text.head, "ax"
    .global _start
_start:
    b       primary_entry           /* code0 */
    .long   0                       /* code1 */
    .quad   0x200000                /* text_offset */
    .quad   __image_end - _start    /* image_size, bss included */
    .quad   0x2                     /* flags: little-endian, 4 KiB pages, near RAM base */
    .quad   0, 0, 0
    .ascii  "ARM\x64"               /* magic */
    .long   0

primary_entry:
    mov     x19, x0                 /* DTB */
    mrs     x1, CurrentEL
    cmp     x1, #(2 << 2)
    b.ne    halt                    /* Septum must be entered at EL2 */
    msr     daifset, #0xf
    ldr     x1, =SCTLR_EL2_RES1     /* MMU and caches off until mmu_enable() */
    msr     sctlr_el2, x1
    isb
    adrp    x1, __bss_start
    add     x1, x1, :lo12:__bss_start
    adrp    x2, __bss_end
    add     x2, x2, :lo12:__bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:  mov     x0, #0
    bl      set_stack
    mov     x0, x19
    bl      boot_primary
    b       halt

/* Secondary pCPUs arrive here from PSCI CPU_ON with x0 = pCPU index. */
    .global secondary_entry
secondary_entry:
    mov     x19, x0
    msr     daifset, #0xf
    ldr     x1, =SCTLR_EL2_RES1
    msr     sctlr_el2, x1
    isb
    bl      set_stack
    mov     x0, x19
    bl      boot_secondary
    b       halt

/* sp = top of pCPU x0's stack; installs the vectors. Clobbers x1, x2. */
set_stack:
    adrp    x1, pcpu_stacks
    add     x1, x1, :lo12:pcpu_stacks
    mov     x2, #STACK_SIZE
    madd    x1, x0, x2, x2
    adrp    x2, pcpu_stacks
    add     x2, x2, :lo12:pcpu_stacks
    add     sp, x2, x1
    adrp    x1, hyp_vectors
    add     x1, x1, :lo12:hyp_vectors
    msr     vbar_el2, x1
    isb
    ret

    .global halt
halt:
    wfe
    b       halt

    .section .bss.stacks, "aw", %nobits
    .balign 16
    .global pcpu_stacks
pcpu_stacks:
    .space  STACK_SIZE * 8
