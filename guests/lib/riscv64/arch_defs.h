/* riscv64's constants and inline parts of the guest arch API (lib/arch.h).
 * Guests run in S mode (VS mode under a hypervisor) with translation off. */
#ifndef GUEST_ARCH_DEFS_H
#define GUEST_ARCH_DEFS_H

#include <stdint.h>

/* QEMU virt's layout, which Septum keeps for riscv64 domains. */
#define GUEST_RAM_BASE 0x80000000ul
#define GUEST_UART_BASE 0x10000000ul /* ns16550a */

#define CPU_ID_NAME "hart"

/* PLIC sources are 1-1023 (0: nothing claimed); the hart's own interrupts
 * (scause codes) are numbered above them. */
#define IRQ_LOCAL(code) (1024u + (code))
#define IRQ_IPI IRQ_LOCAL(1)   /* supervisor software interrupt */
#define IRQ_TIMER IRQ_LOCAL(5) /* supervisor timer interrupt */
#define IRQ_UART 10u
#define IRQ_NONE 0u
#define IRQ_UART_NAME "source"
/* A PLIC keeps a request it has latched until it is claimed. */
#define IRQ_CLEAR_PENDING 0

/* Layout shared with vectors.S: x[0] is unused, so x[n] is register xn. */
struct exception_frame {
    uint64_t x[32];
    uint64_t sepc;
    uint64_t sstatus;
    uint64_t scause;
    uint64_t stval;
};

#define SSTATUS_SIE (1ul << 1)

#define csr_read(csr)                                                                              \
    ({                                                                                             \
        uint64_t _v;                                                                               \
        __asm__ volatile("csrr %0, " #csr : "=r"(_v)::"memory");                                   \
        _v;                                                                                        \
    })

#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" ::"rK"((uint64_t)(v)) : "memory")
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" ::"rK"((uint64_t)(v)) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" ::"rK"((uint64_t)(v)) : "memory")

/* Memory only (the RVWMO ordering the bakery lock needs), and memory with
 * device I/O. */
static inline void dmb(void)
{
    __asm__ volatile("fence rw, rw" : : : "memory");
}

static inline void dsb(void)
{
    __asm__ volatile("fence iorw, iorw" : : : "memory");
}

/* Zihintpause: lets an emulator's other vCPU run. */
static inline void cpu_relax(void)
{
    __asm__ volatile("pause" : : : "memory");
}

/* With sstatus.SIE clear, an enabled pending interrupt still ends it (and
 * is taken once SIE is set), so a check made with IRQs masked just before
 * cannot miss one that comes in between. */
static inline void wfi(void)
{
    __asm__ volatile("wfi" : : : "memory");
}

static inline void irq_enable(void)
{
    csr_set(sstatus, SSTATUS_SIE);
}

static inline void irq_disable(void)
{
    csr_clear(sstatus, SSTATUS_SIE);
}

/* A pending interrupt is taken as soon as the csrs sets SIE. */
static inline void irq_window(void)
{
    irq_enable();
    irq_disable();
}

static inline uint64_t irq_save(void)
{
    uint64_t flags;

    __asm__ volatile("csrrc %0, sstatus, %1" : "=r"(flags) : "rK"(SSTATUS_SIE) : "memory");
    return flags;
}

static inline void irq_restore(uint64_t flags)
{
    csr_set(sstatus, flags & SSTATUS_SIE);
}

/* The logical index lives in tp: freestanding code has no thread-local
 * storage to use it for. */
static inline unsigned cpu_index(void)
{
    uint64_t tp;

    __asm__ volatile("mv %0, tp" : "=r"(tp));
    return (unsigned)tp;
}

/* The time CSR (the memory clobber keeps it in program order). */
static inline uint64_t timer_count(void)
{
    return csr_read(time);
}

#endif
