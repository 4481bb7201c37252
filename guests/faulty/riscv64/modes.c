/* faulty's riscv64 modes (main.c has the common ones):
 *   trap    an atomic (amoor.w) on its UART: the access traps to the
 *           hypervisor, which cannot perform it atomically on a device;
 *   sysreg  reads a custom S-mode CSR (0x5c0), which no hypervisor emulates;
 *   stale   a WFI the hypervisor waits out, then hlv.b, a hypervisor load
 *           VS mode may not execute: both trap as virtual instructions, and
 *           QEMU 7.2 leaves the WFI in stval for the second;
 *   storm   points stvec at unmapped memory and raises a breakpoint.
 * arm64's decode and straddle have no riscv64 counterpart yet: a trapped
 * load or store comes with its instruction (htinst) or is read back by the
 * hypervisor, and a misaligned access goes to the firmware first. */
#include <stdint.h>
#include "faulty/faulty.h"
#include "lib/console.h"

/* Between QEMU virt's platform bus and its PLIC: nothing there, on QEMU or
 * in a domain. */
const uintptr_t faulty_outside_ram = 0x08000000ul;

#define UNMAPPED_VECTORS 0x10000ul
#define UART_MCR 4 /* the word at MCR holds MCR, LSR, MSR and SCR */
#define SIE_STIE (1ul << 5)

static void unemulable_access(void)
{
    uintptr_t address = GUEST_UART_BASE + UART_MCR;
    uint64_t old, pc;
    unsigned before = faulty_exceptions();

    console_printf("faulty: amoor.w on the UART at 0x%lx\n", (unsigned long)address);
    /* Or-ing in zero leaves the registers as they were, should it succeed. */
    __asm__ volatile(".option push\n.option norvc\n"
                     "lla %1, 1f\n1: amoor.w %0, zero, (%2)\n"
                     ".option pop"
                     : "=&r"(old), "=&r"(pc)
                     : "r"(address)
                     : "memory");
    (void)old;
    expect_taken("amoor.w", before, EXCEPTION_ACCESS_FAULT, pc, address);
}

static void unknown_csr(void)
{
    uint64_t value, pc;
    unsigned before = faulty_exceptions();

    console_printf("faulty: csrr 0x5c0\n");
    __asm__ volatile("lla %1, 1f\n1: csrr %0, 0x5c0" : "=&r"(value), "=&r"(pc));
    (void)value;
    expect_taken("csrr", before, EXCEPTION_UNDEFINED, pc, 0);
}

static void virtual_after_wfi(void)
{
    uint64_t pc;
    unsigned before = faulty_exceptions();

    console_printf("faulty: wfi, then hlv.b\n");
    /* A timer interrupt pending at once ends the WFI; SIE stays off. */
    csr_set(sie, SIE_STIE);
    timer_irq_at(0);
    wfi();
    timer_irq_stop();
    csr_clear(sie, SIE_STIE);
    __asm__ volatile("lla %0, 1f\n1: .4byte 0x60054573" /* hlv.b a0, (a0) */
                     : "=&r"(pc)
                     :
                     : "a0", "memory");
    expect_taken("hlv.b", before, EXCEPTION_UNDEFINED, pc, 0);
}

static void exception_storm(void)
{
    console_printf("faulty: stvec = 0x%lx, ebreak\n", UNMAPPED_VECTORS);
    csr_write(stvec, UNMAPPED_VECTORS);
    __asm__ volatile("ebreak" : : : "memory");
}

const struct faulty_mode faulty_arch_modes[] = {
    {"trap", unemulable_access},
    {"sysreg", unknown_csr},
    {"stale", virtual_after_wfi},
    {"storm", exception_storm},
};
const unsigned faulty_arch_mode_count = sizeof(faulty_arch_modes) / sizeof(faulty_arch_modes[0]);
