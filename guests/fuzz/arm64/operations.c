/* fuzz's arm64 operations: random HVC and SMC calls (Septum's, PSCI's,
 * SMCCC's and unknown ones, with boundary arguments), random MMIO accesses
 * of every size and alignment over its emulated GIC and UART (all of which
 * they answer), and reads and writes of system registers the hypervisor
 * traps or does not know. */
#include <stdbool.h>
#include <stdint.h>
#include <public/septum.h>
#include "fuzz/fuzz.h"

/* PSCI calls that end or suspend this vCPU or the domain are left out: the
 * run is to go on. */
static bool stops_the_guest(uint32_t fn)
{
    switch (fn & ~0x40000000u) {
    case 0x84000001: /* CPU_SUSPEND */
    case 0x84000002: /* CPU_OFF */
    case 0x84000008: /* SYSTEM_OFF */
    case 0x84000009: /* SYSTEM_RESET */
    case 0x8400000e: /* SYSTEM_SUSPEND */
    case 0x84000012: /* SYSTEM_RESET2 */
        return true;
    default:
        return false;
    }
}

static uint32_t function_id(void)
{
    switch (fuzz_below(5)) {
    case 0:
        return SEPTUM_HC((uint32_t)fuzz_below(SEPTUM_HC_COUNT + 4));
    case 1:
        return 0x84000000u | (uint32_t)fuzz_below(0x20) | (fuzz_below(2) ? 0x40000000u : 0);
    case 2:
        return 0x80000000u | (uint32_t)fuzz_below(4); /* SMCCC version, features, ... */
    case 3:
        return 0x8600ff00u | (uint32_t)fuzz_below(4); /* hypervisor service queries */
    default:
        return (uint32_t)fuzz_random();
    }
}

static void random_call(void)
{
    uint32_t fn = function_id();
    uint64_t a[5];

    if (stops_the_guest(fn) || fn == SEPTUM_HC_CONSOLE_WRITE)
        return; /* console noise would hide the report */
    for (int i = 0; i < 5; i++)
        a[i] = fuzz_argument();
    if (fuzz_below(2)) {
        septum_hcall(fn, a[0], a[1], a[2], a[3], a[4]);
        return;
    }
    register uint64_t x0 __asm__("x0") = fn, x1 __asm__("x1") = a[0], x2 __asm__("x2") = a[1],
                         x3 __asm__("x3") = a[2], x4 __asm__("x4") = a[3], x5 __asm__("x5") = a[4];
    __asm__ volatile("smc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                     : "r"(x4), "r"(x5)
                     : "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16",
                       "x17", "memory");
}

/* One access of 1, 2, 4 or 8 bytes, aligned or not, in one of the emulated
 * devices' windows. Writes to the UART's data register are left out. */
static void random_mmio(void)
{
    static const struct {
        uint64_t base, size;
    } windows[] = {
        {SEPTUM_GUEST_GICD_BASE, SEPTUM_GUEST_GICD_SIZE},
        {SEPTUM_GUEST_GICR_BASE, SEPTUM_GUEST_GICR_STRIDE},
        {SEPTUM_GUEST_UART_BASE, SEPTUM_GUEST_UART_SIZE},
    };
    unsigned w = (unsigned)fuzz_below(3), size = 1u << fuzz_below(4);
    uint64_t offset = fuzz_below(windows[w].size - 8), value = fuzz_random();
    uintptr_t addr;
    bool write = fuzz_below(2);

    if (fuzz_below(4))
        offset &= ~(uint64_t)(size - 1);
    if (write && w == 2 && offset < 4)
        return;
    addr = (uintptr_t)(windows[w].base + offset);
    fuzz_access(addr, size, write, value);
}

#define READ_SYSREG(name)                                                                          \
    do {                                                                                           \
        uint64_t v;                                                                                \
        __asm__ volatile("mrs %0, " #name : "=r"(v)::"memory");                                    \
        (void)v;                                                                                   \
    } while (0)
#define WRITE_SYSREG(name, v) __asm__ volatile("msr " #name ", %0" ::"r"(v) : "memory")

/* Registers the hypervisor traps, emulates or has never heard of
 * (implementation defined encodings); nothing that would take away the
 * guest's own vectors, MMU state or interrupt masking. */
static void random_sysreg(void)
{
    uint64_t v = fuzz_random();

    switch (fuzz_below(16)) {
    case 0:
        WRITE_SYSREG(s3_0_c12_c11_5, v); /* ICC_SGI1R_EL1: SGIs anywhere */
        break;
    case 1:
        WRITE_SYSREG(s3_0_c12_c11_6, v); /* ICC_ASGI1R_EL1 */
        break;
    case 2:
        WRITE_SYSREG(s3_0_c12_c11_7, v); /* ICC_SGI0R_EL1 */
        break;
    case 3:
        READ_SYSREG(s3_0_c15_c0_0); /* implementation defined */
        break;
    case 4:
        READ_SYSREG(s3_1_c15_c2_0);
        break;
    case 5:
        WRITE_SYSREG(s3_7_c15_c1_0, v);
        break;
    case 6:
        READ_SYSREG(s3_0_c1_c0_1); /* ACTLR_EL1 */
        break;
    case 7:
        READ_SYSREG(s3_3_c9_c12_0); /* PMCR_EL0 */
        break;
    case 8:
        READ_SYSREG(s2_0_c0_c0_4); /* DBGBVR0_EL1 */
        break;
    case 9:
        READ_SYSREG(s2_0_c1_c1_4); /* OSLSR_EL1 */
        break;
    case 10:
        READ_SYSREG(s3_0_c12_c12_0); /* ICC_IAR1_EL1 */
        break;
    case 11:
        WRITE_SYSREG(s3_0_c4_c6_0, v & 0xff); /* ICC_PMR_EL1 */
        break;
    case 12:
        READ_SYSREG(s3_0_c0_c4_0); /* ID_AA64PFR0_EL1 */
        break;
    case 13:
        READ_SYSREG(s3_0_c10_c4_7); /* LORID_EL1 */
        break;
    case 14:
        WRITE_SYSREG(s3_3_c14_c3_2, v); /* CNTV_CVAL_EL0 */
        break;
    default:
        READ_SYSREG(s3_4_c15_c0_0); /* implementation defined, EL2's space */
        break;
    }
}

void fuzz_operation(void)
{
    switch (fuzz_below(3)) {
    case 0:
        random_call();
        break;
    case 1:
        random_mmio();
        break;
    default:
        random_sysreg();
        break;
    }
}

void fuzz_step_over(struct exception_frame *frame, uint64_t cause)
{
    (void)cause;
    exception_skip(frame);
}
