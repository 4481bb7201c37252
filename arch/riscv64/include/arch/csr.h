/* RISC-V control and status registers the hypervisor uses (privileged
 * spec, with the H extension and Sstc), by number so that any binutils
 * assembles them, and their fields. */
#ifndef ARCH_CSR_H
#define ARCH_CSR_H

#define CSR_SSTATUS 0x100
#define CSR_SIE 0x104
#define CSR_STVEC 0x105
#define CSR_SSCRATCH 0x140
#define CSR_SEPC 0x141
#define CSR_SCAUSE 0x142
#define CSR_STVAL 0x143
#define CSR_SIP 0x144
#define CSR_STIMECMP 0x14d
#define CSR_SATP 0x180

#define CSR_VSSTATUS 0x200
#define CSR_VSIE 0x204
#define CSR_VSTVEC 0x205
#define CSR_VSSCRATCH 0x240
#define CSR_VSEPC 0x241
#define CSR_VSCAUSE 0x242
#define CSR_VSTVAL 0x243
#define CSR_VSIP 0x244
#define CSR_VSTIMECMP 0x24d
#define CSR_VSATP 0x280

#define CSR_HSTATUS 0x600
#define CSR_HEDELEG 0x602
#define CSR_HIDELEG 0x603
#define CSR_HIE 0x604
#define CSR_HTIMEDELTA 0x605
#define CSR_HCOUNTEREN 0x606
#define CSR_HGEIE 0x607
#define CSR_HENVCFG 0x60a
#define CSR_HTVAL 0x643
#define CSR_HIP 0x644
#define CSR_HVIP 0x645
#define CSR_HTINST 0x64a
#define CSR_HGATP 0x680

#define CSR_TIME 0xc01

#define SSTATUS_SIE (1ul << 1)
#define SSTATUS_SPIE (1ul << 5)
#define SSTATUS_SPP (1ul << 8)
#define SSTATUS_FS (3ul << 13)

#define HSTATUS_GVA (1ul << 6)
#define HSTATUS_SPV (1ul << 7)
#define HSTATUS_SPVP (1ul << 8)
#define HSTATUS_VTW (1ul << 21)

#define HENVCFG_STCE (1ul << 63)

/* Interrupt numbers (bits of sip/sie, hvip, hideleg). */
#define IRQ_S_SOFT 1
#define IRQ_VS_SOFT 2
#define IRQ_S_TIMER 5
#define IRQ_VS_TIMER 6
#define IRQ_S_EXT 9
#define IRQ_VS_EXT 10

#define SCAUSE_INTERRUPT (1ul << 63)

/* Exception codes (scause without the interrupt bit). */
#define EXC_INSN_MISALIGNED 0
#define EXC_INSN_ACCESS 1
#define EXC_ILLEGAL_INSN 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_MISALIGNED 4
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U 8
#define EXC_ECALL_VS 10
#define EXC_INSN_PAGE_FAULT 12
#define EXC_LOAD_PAGE_FAULT 13
#define EXC_STORE_PAGE_FAULT 15
#define EXC_INSN_GUEST_FAULT 20
#define EXC_LOAD_GUEST_FAULT 21
#define EXC_VIRTUAL_INSN 22
#define EXC_STORE_GUEST_FAULT 23

/* hgatp: Sv39x4 (41-bit guest physical addresses, 16 KiB root table). */
#define HGATP_MODE_SV39X4 (8ul << 60)
#define HGATP_VMID_SHIFT 44
#define HGATP_VMID_MASK 0x3ffful

#ifndef __ASSEMBLER__
#include <stdint.h>

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

#define csr_read(csr)                                                                              \
    ({                                                                                             \
        unsigned long v_;                                                                          \
        __asm__ volatile("csrr %0, " STRINGIFY(csr) : "=r"(v_)::"memory");                         \
        v_;                                                                                        \
    })
#define csr_write(csr, val) __asm__ volatile("csrw " STRINGIFY(csr) ", %0" ::"rK"(val) : "memory")
#define csr_set(csr, val) __asm__ volatile("csrs " STRINGIFY(csr) ", %0" ::"rK"(val) : "memory")
#define csr_clear(csr, val) __asm__ volatile("csrc " STRINGIFY(csr) ", %0" ::"rK"(val) : "memory")

static inline void wfi(void)
{
    __asm__ volatile("wfi" ::: "memory");
}

#endif
#endif
