/* System-register access and the EL2 register values Septum programs. */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <stdint.h>

#define read_sysreg(name)                                                                          \
    ({                                                                                             \
        uint64_t v_;                                                                               \
        __asm__ volatile("mrs %0, " #name : "=r"(v_));                                             \
        v_;                                                                                        \
    })
#define write_sysreg(name, v) __asm__ volatile("msr " #name ", %0" ::"r"((uint64_t)(v)) : "memory")

#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")
#define wfi() __asm__ volatile("wfi" ::: "memory")
#define wfe() __asm__ volatile("wfe" ::: "memory")
#define sev() __asm__ volatile("sev" ::: "memory")

/* HCR_EL2: AArch64 EL1; stage 2 on; physical IRQ/FIQ/SError to EL2; EL1 SMC
 * and IMPLEMENTATION DEFINED registers trap; set/way invalidation upgraded
 * to clean+invalidate so a guest cannot discard other owners' dirty lines;
 * broadcast maintenance and barriers inner-shareable. WFI and WFE trap
 * (HCR_WFX) unless the domain asked to run them natively: the pCPU then
 * sleeps in the hypervisor, and the vCPU's time counts only while it has
 * work. */
#define HCR_VM (1ull << 0)
#define HCR_SWIO (1ull << 1)
#define HCR_FMO (1ull << 3)
#define HCR_IMO (1ull << 4)
#define HCR_AMO (1ull << 5)
#define HCR_FB (1ull << 9)
#define HCR_BSU_IS (1ull << 10)
#define HCR_TWI (1ull << 13)
#define HCR_TWE (1ull << 14)
#define HCR_TSC (1ull << 19)
#define HCR_TIDCP (1ull << 20)
#define HCR_RW (1ull << 31)
#define HCR_APK (1ull << 40) /* pointer-authentication keys: not trapped */
#define HCR_API (1ull << 41) /* pointer-authentication instructions: not trapped */
#define HCR_GUEST                                                                                  \
    (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | HCR_BSU_IS | HCR_TSC | HCR_TIDCP | \
     HCR_RW)
#define HCR_WFX (HCR_TWI | HCR_TWE)

/* SCTLR_EL2 (non-VHE): RES1 bits, MMU, caches, stack alignment check. */
#define SCTLR_EL2_RES1 0x30c50830ull
#define SCTLR_EL2_VALUE (SCTLR_EL2_RES1 | (1u << 0) | (1u << 2) | (1u << 3) | (1u << 12))

/* SCTLR_EL1 as a vCPU first sees it: RES1 bits, MMU and caches off. */
#define SCTLR_EL1_RESET 0x30d00800ull

/* SPSR for entering a guest: EL1h, all of DAIF masked (Linux boot protocol). */
#define SPSR_EL1H_DAIF 0x3c5ull

/* CPTR_EL2 (non-VHE): RES1 bits; FP/SIMD, SVE and SME not trapped, since a
 * vCPU owns its pCPU's FP state outright. */
#define CPTR_EL2_VALUE 0x000022ffull

/* ESR_EL2 exception classes handled on the exit path. */
#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24
#define EC_SERROR 0x2f

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define ESR_ISS(esr) ((esr)&0x1ffffff)

/* VTCR_EL2: T0SZ 25 (39-bit IPA) starting at level 1, write-back walks,
 * inner shareable, 4 KiB granule, 40-bit PA, bit 31 RES1. */
#define VTCR_EL2_VALUE                                                                             \
    (25ull | 1ull << 6 | 1ull << 8 | 1ull << 10 | 3ull << 12 | 2ull << 16 | 1ull << 31)
#endif
