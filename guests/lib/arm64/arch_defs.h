/* arm64's constants and inline parts of the guest arch API (lib/arch.h). */
#ifndef GUEST_ARCH_DEFS_H
#define GUEST_ARCH_DEFS_H

#include <stdint.h>
#include "sysreg.h"

/* Where every guest's RAM begins in its address space (IPA). */
#define GUEST_RAM_BASE 0x40000000ul

/* The console PL011 (QEMU virt's address, which Septum keeps for guests). */
#define GUEST_UART_BASE 0x09000000ul

#define CPU_ID_NAME "mpidr"

/* GIC INTIDs: the EL1 virtual timer's PPI, SGI 1, the UART's SPI. */
#define IRQ_TIMER 27u
#define IRQ_IPI 1u
#define IRQ_UART 33u
#define IRQ_NONE 1023u
#define IRQ_UART_NAME "spi"
#define IRQ_CLEAR_PENDING 1 /* GICD_ICPENDR */

/* Layout shared with vectors.S. */
struct exception_frame {
    uint64_t x[31];
    uint64_t elr;
    uint64_t spsr;
    uint64_t pad; /* keeps the frame a multiple of 16 bytes */
};

/* ESR_EL1 exception class. */
static inline unsigned esr_class(uint64_t esr)
{
    return (unsigned)(esr >> 26) & 0x3f;
}

/* The calling CPU's logical index, kept in TPIDR_EL1. */
static inline unsigned cpu_index(void)
{
    return (unsigned)read_sysreg(tpidr_el1);
}

/* The ISB makes the unmasking take effect before IRQs are masked again. */
static inline void irq_window(void)
{
    irq_enable();
    isb();
    irq_disable();
}

static inline uint64_t irq_save(void)
{
    uint64_t daif = read_sysreg(daif);

    irq_disable();
    return daif;
}

static inline void irq_restore(uint64_t flags)
{
    write_sysreg(daif, flags);
}

/* The EL1 virtual counter, which EL1 may always read. The ISB stops the
 * read from being hoisted above earlier instructions. */
static inline uint64_t timer_count(void)
{
    isb();
    return read_sysreg(cntvct_el0);
}

#endif
