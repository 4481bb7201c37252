/* faulty's arm64 modes (main.c has the common ones):
 *   trap      loads a register pair from its UART, an access that traps to
 *             EL2 without a syndrome and cannot be emulated;
 *   sysreg    reads an IMPLEMENTATION DEFINED system register, which
 *             HCR_EL2.TIDCP traps and no hypervisor emulates;
 *   decode    drives its UART's registers with the loads and stores that
 *             write their base register back (*p++ = v), which trap without
 *             a syndrome, and checks every result;
 *   straddle  reads 8 bytes across the end of its UART, an access the
 *             UART's emulation refuses (QEMU does not fault unaligned
 *             Device accesses, so it reaches the hypervisor);
 *   storm     points VBAR_EL1 at unmapped memory and raises an exception. */
#include <stdint.h>
#include "faulty/faulty.h"
#include "lib/console.h"

/* In QEMU virt's PCIe MMIO window: never guest RAM, never a guest device. */
const uintptr_t faulty_outside_ram = 0x20000000ul;

#define UNMAPPED_VECTORS 0x10000ul

/* PL011 registers that hold what is written to them. */
#define UART_IBRD 0x24
#define UART_IFLS 0x34
#define UART_PERIPH_ID2 0xfe8
#define UART_CELL_ID1 0xff4

static void unemulable_access(void)
{
    uint64_t lo, hi, pc;
    unsigned before = faulty_exceptions();

    console_printf("faulty: ldp from the UART at 0x%lx\n", (unsigned long)GUEST_UART_BASE);
    __asm__ volatile("adr %2, 1f\n1: ldp %0, %1, [%3]"
                     : "=&r"(lo), "=&r"(hi), "=&r"(pc)
                     : "r"(GUEST_UART_BASE)
                     : "memory");
    (void)lo;
    (void)hi;
    expect_taken("ldp", before, EXCEPTION_ACCESS_FAULT, pc, GUEST_UART_BASE);
}

static void unknown_sysreg(void)
{
    uint64_t value, pc;
    unsigned before = faulty_exceptions();

    /* Op0 3, Op1 0, CRn 15: IMPLEMENTATION DEFINED, none defined here. */
    console_printf("faulty: mrs S3_0_C15_C0_0\n");
    __asm__ volatile("adr %1, 1f\n1: mrs %0, S3_0_C15_C0_0" : "=&r"(value), "=&r"(pc));
    (void)value;
    expect_taken("mrs", before, EXCEPTION_UNDEFINED, pc, 0);
}

static void refused_access(void)
{
    uintptr_t address = GUEST_UART_BASE + 0xffc;
    uint64_t value;

    console_printf("faulty: reading 8 bytes at 0x%lx\n", (unsigned long)address);
    __asm__ volatile("ldr %0, [%1]" : "=r"(value) : "r"(address) : "memory");
    console_printf("faulty: read 0x%lx\n", (unsigned long)value);
}

static void exception_storm(void)
{
    console_printf("faulty: VBAR_EL1 = 0x%lx, brk #0\n", UNMAPPED_VECTORS);
    write_sysreg(vbar_el1, UNMAPPED_VECTORS);
    isb();
    __asm__ volatile("brk #0" : : : "memory");
}

/* ---- decode: *p++ = v over the UART's registers ------------------------ */

static unsigned checked, failed;

static void check(const char *what, uint64_t got, uint64_t want)
{
    checked++;
    if (got != want) {
        failed++;
        console_printf("faulty: FAIL %s: 0x%lx, expected 0x%lx\n", what, (unsigned long)got,
                       (unsigned long)want);
    }
}

#define UART(off) (GUEST_UART_BASE + (off))
#define NREGS 5 /* IBRD, FBRD, LCRH, CR, IFLS */

/* Post- and pre-indexed word accesses over five consecutive registers.
 * LCRH and CR get back what they hold, so the line settings never change. */
static void indexed_words(uint32_t saved[NREGS])
{
    const uint32_t pattern[NREGS] = {0x1234, 0x2a, saved[2], saved[3], 0x12};
    uintptr_t p = UART(UART_IBRD);
    uint32_t v;

    for (int i = 0; i < NREGS; i++)
        __asm__ volatile("str %w1, [%0], #4" : "+r"(p) : "r"(pattern[i]) : "memory");
    check("str post-index: base", p, UART(UART_IBRD + 4 * NREGS));
    for (int i = 0; i < NREGS; i++) {
        __asm__ volatile("ldr %w0, [%1, #-4]!" : "=r"(v), "+r"(p) : : "memory");
        check("ldr pre-index, downwards", v, pattern[NREGS - 1 - i]);
    }
    check("ldr pre-index: base", p, UART(UART_IBRD));
    __asm__ volatile("str wzr, [%0, #16]!" : "+r"(p) : : "memory");
    check("str wzr pre-index: base", p, UART(UART_IFLS));
    __asm__ volatile("ldr %w0, [%1], #-16" : "=r"(v), "+r"(p) : : "memory");
    check("ldr post-index of what wzr stored", v, 0);
    check("ldr post-index, negative: base", p, UART(UART_IBRD));
}

/* Register-offset forms (syndrome or not, they must behave the same). */
static void register_offset(void)
{
    uintptr_t base = GUEST_UART_BASE;
    uint64_t index = UART_IBRD / 4, v;
    uint32_t windex = UART_IFLS / 4;

    __asm__ volatile("str %w0, [%1, %2, lsl #2]" : : "r"(0x4321), "r"(base), "r"(index) : "memory");
    __asm__ volatile("ldr %w0, [%1, %2, lsl #2]" : "=r"(v) : "r"(base), "r"(index) : "memory");
    check("ldr register offset, lsl", v, 0x4321);
    __asm__ volatile("str %w0, [%1, %w2, uxtw #2]"
                     :
                     : "r"(0x21), "r"(base), "r"(windex)
                     : "memory");
    __asm__ volatile("ldr %w0, [%1, %w2, sxtw #2]" : "=r"(v) : "r"(base), "r"(windex) : "memory");
    check("ldr register offset, sxtw", v, 0x21);
}

/* Byte and halfword loads with writeback: zero- and sign-extension into
 * Xt and Wt, on identification registers (0x34, 0xf0) and on IBRD. */
static void extending_loads(void)
{
    uintptr_t p;
    uint64_t v;

    p = UART(UART_CELL_ID1);
    __asm__ volatile("ldrsb %0, [%1], #4" : "=r"(v), "+r"(p) : : "memory");
    check("ldrsb x, post-index", v, 0xfffffffffffffff0ul);
    check("ldrsb x, post-index: base", p, UART(UART_CELL_ID1 + 4));
    p = UART(UART_CELL_ID1);
    __asm__ volatile("ldrsb %w0, [%1, #0]!" : "=r"(v), "+r"(p) : : "memory");
    check("ldrsb w, pre-index", v, 0xfffffff0ul);
    __asm__ volatile("ldrb %w0, [%1], #1" : "=r"(v), "+r"(p) : : "memory");
    check("ldrb, post-index", v, 0xf0);
    p = UART(UART_PERIPH_ID2);
    __asm__ volatile("ldrsb %0, [%1], #0" : "=r"(v), "+r"(p) : : "memory");
    check("ldrsb x of a positive byte", v, 0x34);

    p = UART(UART_IBRD);
    __asm__ volatile("str %w1, [%0], #0" : "+r"(p) : "r"(0x8000) : "memory");
    __asm__ volatile("ldrsh %0, [%1], #2" : "=r"(v), "+r"(p) : : "memory");
    check("ldrsh x, post-index", v, 0xffffffffffff8000ul);
    p = UART(UART_IBRD);
    __asm__ volatile("ldrsh %w0, [%1], #0" : "=r"(v), "+r"(p) : : "memory");
    check("ldrsh w, post-index", v, 0xffff8000ul);
    __asm__ volatile("ldrsw %0, [%1], #0" : "=r"(v), "+r"(p) : : "memory");
    check("ldrsw of a positive word", v, 0x8000);
    __asm__ volatile("ldrh %w0, [%1], #0" : "=r"(v), "+r"(p) : : "memory");
    check("ldrh, post-index", v, 0x8000);
    /* Only the bytes read come back, however wide the device's register. */
    __asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(p) : "memory");
    check("ldrb of a wider register", v, 0x00);
    __asm__ volatile("ldrsb %0, [%1], #0" : "=r"(v), "+r"(p) : : "memory");
    check("ldrsb of a wider register, post-index", v, 0x00);
}

/* SP as the base register: the stack pointer the guest runs on (SP_EL1 in
 * EL1h, SP_EL0 in EL1t) is written back. faulty never unmasks interrupts,
 * so nothing uses the stack while SP points at the UART. */
static void sp_base(void)
{
    uint64_t v, sp_after;

    __asm__ volatile("mov x9, sp\n"
                     "mov sp, %2\n"
                     "str %w3, [sp, #0x24]!\n"
                     "ldr %w0, [sp], #-0x24\n"
                     "mov %1, sp\n"
                     "mov sp, x9"
                     : "=&r"(v), "=&r"(sp_after)
                     : "r"(GUEST_UART_BASE), "r"(0x5a5a)
                     : "x9", "memory");
    check("ldr post-index from sp_el1", v, 0x5a5a);
    check("sp_el1 after writeback", sp_after, GUEST_UART_BASE);
    __asm__ volatile("msr spsel, #0\n"
                     "mov x9, sp\n"
                     "mov sp, %2\n"
                     "str %w3, [sp], #4\n"
                     "ldr %w0, [sp, #-4]!\n"
                     "mov %1, sp\n"
                     "mov sp, x9\n"
                     "msr spsel, #1"
                     : "=&r"(v), "=&r"(sp_after)
                     : "r"(UART(UART_IBRD)), "r"(0x1a5)
                     : "x9", "memory");
    check("ldr pre-index from sp_el0", v, 0x1a5);
    check("sp_el0 after writeback", sp_after, UART(UART_IBRD));
}

static void decodable_accesses(void)
{
    uint32_t saved[NREGS];
    uintptr_t p = UART(UART_IBRD);
    unsigned before = faulty_exceptions();

    console_printf("faulty: *p++ = v over the UART at 0x%lx\n", (unsigned long)GUEST_UART_BASE);
    for (int i = 0; i < NREGS; i++)
        __asm__ volatile("ldr %w0, [%1], #4" : "=r"(saved[i]), "+r"(p) : : "memory");
    check("ldr post-index: base", p, UART(UART_IBRD + 4 * NREGS));
    indexed_words(saved);
    register_offset();
    extending_loads();
    sp_base();
    p = UART(UART_IBRD - 4);
    for (int i = 0; i < NREGS; i++)
        __asm__ volatile("str %w1, [%0, #4]!" : "+r"(p) : "r"(saved[i]) : "memory");
    check("exceptions taken", faulty_exceptions(), before);
    if (failed == 0)
        console_printf("faulty: %u checks of decoded accesses passed\n", checked);
}

const struct faulty_mode faulty_arch_modes[] = {
    {"trap", unemulable_access},  {"sysreg", unknown_sysreg}, {"decode", decodable_accesses},
    {"straddle", refused_access}, {"storm", exception_storm},
};
const unsigned faulty_arch_mode_count = sizeof(faulty_arch_modes) / sizeof(faulty_arch_modes[0]);
