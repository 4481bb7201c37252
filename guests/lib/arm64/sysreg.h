/* System register access and barriers. Names are passed through to the
 * assembler, so the S3_<op1>_C<n>_C<m>_<op2> form works for registers the
 * assembler does not know. */
#ifndef GUEST_SYSREG_H
#define GUEST_SYSREG_H

#include <stdint.h>

#define read_sysreg(reg)                                                                           \
    ({                                                                                             \
        uint64_t _v;                                                                               \
        __asm__ volatile("mrs %0, " #reg : "=r"(_v));                                              \
        _v;                                                                                        \
    })

#define write_sysreg(reg, v)                                                                       \
    do {                                                                                           \
        uint64_t _v = (uint64_t)(v);                                                               \
        __asm__ volatile("msr " #reg ", %0" : : "r"(_v) : "memory");                               \
    } while (0)

static inline void isb(void)
{
    __asm__ volatile("isb" : : : "memory");
}

/* Full-system barriers: with the MMU off every data access is Device memory,
 * and other CPUs may observe it only through the outer-shareable domain. */
static inline void dmb(void)
{
    __asm__ volatile("dmb sy" : : : "memory");
}

static inline void dsb(void)
{
    __asm__ volatile("dsb sy" : : : "memory");
}

/* Hint for spin loops: lets an SMT sibling or an emulator's other vCPU run. */
static inline void cpu_relax(void)
{
    __asm__ volatile("yield" : : : "memory");
}

/* Waits for an interrupt: with IRQs masked, a pending one still ends it
 * (and is taken once they are unmasked), so a check made with them masked
 * just before cannot miss one that comes in between. */
static inline void wfi(void)
{
    __asm__ volatile("wfi" : : : "memory");
}

static inline void irq_enable(void)
{
    __asm__ volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_disable(void)
{
    __asm__ volatile("msr daifset, #2" : : : "memory");
}

#endif
