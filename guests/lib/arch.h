/* The guest arch API: what the common runtime and the test guests need from
 * an architecture. Each architecture implements it in lib/<arch>/: the
 * functions below, and in lib/<arch>/arch_defs.h the constants, the
 * exception frame and the inline helpers listed at the end. Code outside
 * lib/<arch>/ uses only this header (and the common lib/ headers). */
#ifndef GUEST_ARCH_H
#define GUEST_ARCH_H

#include <stdbool.h>
#include <stdint.h>
#include "arch_defs.h"

/* ---- Boot ----------------------------------------------------------------
 * The runtime calls arch_init() on the boot CPU before main(), with the
 * address the loader passed (the DTB, possibly invalid), to learn what the
 * architecture takes from the device tree (riscv64: the timebase, Sstc, the
 * interrupt controller's contexts). */
void arch_init(const void *dtb);

/* ---- CPUs ----------------------------------------------------------------
 * A CPU's hardware id is what the device tree's /cpus reg holds for it
 * (arm64: MPIDR affinity, riscv64: hart id); CPU_ID_NAME says which.
 * cpu_id_register() is the architecture's own view of it, as printed
 * (arm64: all of MPIDR_EL1). */
uint64_t cpu_hwid(void);
uint64_t cpu_id_register(void);

/* Power states, as cpu_power_state() returns them (PSCI's numbering). */
#define CPU_STATE_ON 0
#define CPU_STATE_OFF 1
#define CPU_STATE_ON_PENDING 2

/* The power interface's name ("psci", "sbi") and version (major << 16 |
 * minor). */
extern const char power_interface_name[];
uint32_t power_interface_version(void);
/* Starts the CPU with this hardware id at the runtime's secondary entry
 * with logical index index: 0 or the interface's (negative) error. */
int64_t cpu_power_on(uint64_t hwid, unsigned index);
/* The calling CPU goes off; returns the error only if it could not. */
int64_t cpu_power_off(void);
/* CPU_STATE_*, or the interface's (negative) error. */
int64_t cpu_power_state(uint64_t hwid);
/* The whole domain: never return (a CPU whose request fails is parked). */
__attribute__((noreturn)) void system_off(void);
__attribute__((noreturn)) void system_reset(void);

/* ---- Septum hypercalls (public/septum.h) ---------------------------------
 * function is SEPTUM_HC(n); status is what x0 is on arm64 (a0 on riscv64),
 * r1-r3 the further results. */
struct hcall_result {
    int64_t status;
    uint64_t r1, r2, r3;
};
struct hcall_result septum_hcall(uint32_t function, uint64_t a1, uint64_t a2, uint64_t a3,
                                 uint64_t a4, uint64_t a5);

/* ---- Console UART --------------------------------------------------------
 * Polled transmitter at GUEST_UART_BASE, or where uart_set_base() moved it. */
void uart_set_base(uintptr_t base);
void uart_putc(char c);

/* ---- Exceptions ----------------------------------------------------------
 * cause and addr, as a sync handler gets them: ESR_EL1 and FAR_EL1 on arm64,
 * scause and stval on riscv64. */
enum exception_kind {
    EXCEPTION_ACCESS_FAULT, /* a load or store the memory system refused */
    EXCEPTION_UNDEFINED,    /* an instruction or register that does not exist */
    EXCEPTION_OTHER,
};
enum exception_kind exception_kind(uint64_t cause);
/* Name of the kind, for messages ("a data abort", "UNDEF" on arm64). */
const char *exception_kind_name(enum exception_kind kind);
/* The faulting instruction's address, and the step over it. */
uint64_t exception_pc(const struct exception_frame *frame);
void exception_skip(struct exception_frame *frame);
/* True when the exception came from the guest's own kernel mode (EL1h,
 * S mode) rather than from somewhere it never runs. */
bool exception_from_kernel(const struct exception_frame *frame);

/* ---- Interrupts ----------------------------------------------------------
 * Numbers are the arch's own (arch_defs.h): IRQ_TIMER (this CPU's timer),
 * IRQ_IPI (an IPI from irq_send_ipi()), IRQ_UART (the console UART's, the
 * one device interrupt a domain has), IRQ_NONE (nothing to handle).
 * IRQ_UART_NAME names its kind in messages ("spi" on arm64). */
/* Once, on the boot CPU: the interrupt controller's shared part; 0 or
 * -EBUSY. */
int irq_init(void);
/* On each CPU, logical index cpu: its timer and IPI enabled, its interface
 * to the controller open to every priority; IRQs stay masked. 0 or -EBUSY. */
int irq_cpu_init(unsigned cpu);
/* In an IRQ handler: the interrupt taken (IRQ_NONE if none), then its end. */
unsigned irq_ack(void);
void irq_end(unsigned irq);
void irq_send_ipi(uint64_t hwid);
/* The device interrupt irq at the controller: priority (arm64's scale,
 * lower is more urgent), the one CPU it goes to, enable, and making it
 * pending once without its device (raise) or clearing that (lower). */
void irq_device_configure(unsigned irq, uint8_t priority);
void irq_device_route(unsigned irq, uint64_t hwid);
void irq_device_enable(unsigned irq, bool enable);
void irq_device_set_pending(unsigned irq, bool pending);
bool irq_device_pending(unsigned irq);
/* 1 while it is being handled, 0 if not, -1 when the controller does not
 * show it (the PLIC). */
int irq_device_active(unsigned irq);
/* True when irq is what the calling CPU would take next were IRQs unmasked. */
bool irq_next_here(unsigned irq);
/* IRQ_CLEAR_PENDING (arch_defs.h): whether irq_device_set_pending(irq,
 * false) withdraws a pending interrupt. A PLIC keeps what it latched. */

/* ---- Timer ---------------------------------------------------------------
 * timer_count() (inline) counts at timer_frequency() Hz; its interrupt
 * (IRQ_TIMER) fires once the count reaches the deadline. */
uint64_t timer_frequency(void);
void timer_irq_at(uint64_t count);
void timer_irq_after(uint64_t ticks);
void timer_irq_stop(void);
/* True if the timer's own mask is set: the guest never sets it, so a
 * hypervisor did (riscv64's timer has none: false). */
bool timer_irq_masked(void);

/* ---- arch_defs.h provides ------------------------------------------------
 * GUEST_RAM_BASE, GUEST_UART_BASE, CPU_ID_NAME, IRQ_*, IRQ_UART_NAME,
 * IRQ_CLEAR_PENDING, struct exception_frame, and these inline functions:
 *   dmb(), dsb()            full barriers (memory; memory and devices)
 *   cpu_relax(), wfi()      spin-loop hint; wait for an interrupt
 *   irq_enable(), irq_disable(), irq_save() -> flags, irq_restore(flags)
 *   irq_window()            unmask IRQs just long enough to take a pending one
 *   cpu_index()             the calling CPU's logical index
 *   timer_count()           the counter, ordered after earlier instructions */

#endif
