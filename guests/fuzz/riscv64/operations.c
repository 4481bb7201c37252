/* fuzz's riscv64 operations:
 *   SBI calls to every extension Septum implements and to others, with
 *   random and edge function ids and arguments (hart masks with huge
 *   bases, hart_start of harts that do not exist, remote fences over
 *   ranges that wrap, system_reset with types that mean nothing, any
 *   timer value), Septum's vendor calls included;
 *   CSR reads and writes the hart or the hypervisor refuse from VS mode
 *   (the hypervisor's own, the VS ones under their own numbers, machine
 *   mode's, counters, custom and unknown numbers), hypervisor
 *   instructions (hfence, hlv, hsv), mret, ebreak, illegal encodings, an
 *   ecall from user mode;
 *   loads, stores and atomics to the PLIC and the UART, and accesses to
 *   addresses with nothing behind them; WFI with a timer to end it.
 * Left out: what ends or suspends the domain (HSM hart_stop and
 * hart_suspend, SRST shutdown and reboots), writes to the UART's data
 * register (its console is the report) and to its own RAM. */
#include <stdbool.h>
#include <stdint.h>
#include <public/septum.h>
#include "fuzz/fuzz.h"

/* QEMU virt's layout, which Septum keeps for riscv64 domains. */
#define PLIC_BASE 0x0c000000ul
#define PLIC_SIZE 0x600000ul
#define PLIC_ENABLE 0x2000ul
#define PLIC_CONTEXT 0x200000ul
#define UART_SIZE 0x100ul
#define UART_LCR 3
#define UART_MCR 4
#define LCR_8N1 0x03

#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_RFENCE 0x52464e43
#define SBI_EXT_HSM 0x48534d
#define SBI_EXT_SRST 0x53525354
#define SBI_EXT_SEPTUM 0x09534550
#define HSM_HART_STOP 1
#define HSM_HART_SUSPEND 3
#define SRST_REBOOT_MAX 2 /* shutdown, cold reboot, warm reboot */

#define CAUSE_ECALL_U 8
#define SSTATUS_SPIE (1ul << 5)
#define SSTATUS_SPP (1ul << 8)
#define SIE_STIE (1ul << 5)

static uint64_t extension(void)
{
    static const uint64_t eids[] = {
        SBI_EXT_BASE,          SBI_EXT_TIME,          SBI_EXT_IPI,
        SBI_EXT_RFENCE,        SBI_EXT_HSM,           SBI_EXT_SRST,
        SBI_EXT_SEPTUM,        0x504d55 /* PMU */,    0x4442434e /* DBCN */,
        0x53555350 /* SUSP */, 0x43505043 /* CPPC */, 0x09000000 /* vendor */,
    };

    switch (fuzz_below(4)) {
    case 0:
        return fuzz_below(8); /* legacy extensions (set_timer .. shutdown) */
    case 1:
        return fuzz_random();
    default:
        return eids[fuzz_below(sizeof(eids) / sizeof(eids[0]))];
    }
}

static bool stops_the_guest(uint64_t eid, uint64_t fid, uint64_t a0)
{
    if (eid == SBI_EXT_HSM)
        return fid == HSM_HART_STOP || fid == HSM_HART_SUSPEND;
    if (eid == SBI_EXT_SRST)
        return fid == 0 && (uint32_t)a0 <= SRST_REBOOT_MAX;
    if (eid == 8)
        return true; /* legacy shutdown */
    /* Its console is the report; a legacy getchar would wait for input. */
    return (eid == SBI_EXT_SEPTUM && (uint16_t)fid == (SEPTUM_HC_CONSOLE_WRITE & 0xffff)) ||
           eid == 1 || eid == 2;
}

static void random_sbi_call(void)
{
    uint64_t eid = extension();
    uint64_t fid =
        fuzz_below(4) ? fuzz_below(eid == SBI_EXT_SEPTUM ? SEPTUM_HC_COUNT + 4 : 8) : fuzz_random();
    register uint64_t a0 __asm__("a0") = fuzz_argument();
    register uint64_t a1 __asm__("a1") = fuzz_argument();
    register uint64_t a2 __asm__("a2") = fuzz_argument();
    register uint64_t a3 __asm__("a3") = fuzz_argument();
    register uint64_t a4 __asm__("a4") = fuzz_argument();
    register uint64_t a5 __asm__("a5") = fuzz_argument();
    register uint64_t a6 __asm__("a6") = fid;
    register uint64_t a7 __asm__("a7") = eid;

    if (stops_the_guest(eid, fid, a0))
        return;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a6), "r"(a7)
                     : "memory");
}

/* CSRs the guest may not touch, or that do not exist. */
#define CSRS(X)                                                                                    \
    X(0x600) /* hstatus */                                                                         \
    X(0x602) /* hedeleg */                                                                         \
    X(0x603) /* hideleg */                                                                         \
    X(0x604) /* hie */                                                                             \
    X(0x605) /* htimedelta */                                                                      \
    X(0x606) /* hcounteren */                                                                      \
    X(0x607) /* hgeie */                                                                           \
    X(0x60a) /* henvcfg */                                                                         \
    X(0x643) /* htval */                                                                           \
    X(0x644) /* hip */                                                                             \
    X(0x645) /* hvip */                                                                            \
    X(0x64a) /* htinst */                                                                          \
    X(0x680) /* hgatp */                                                                           \
    X(0xe12) /* hgeip */                                                                           \
    X(0x200) /* vsstatus */                                                                        \
    X(0x204) /* vsie */                                                                            \
    X(0x205) /* vstvec */                                                                          \
    X(0x241) /* vsepc */                                                                           \
    X(0x244) /* vsip */                                                                            \
    X(0x24d) /* vstimecmp */                                                                       \
    X(0x280) /* vsatp */                                                                           \
    X(0x300) /* mstatus */                                                                         \
    X(0x305) /* mtvec */                                                                           \
    X(0x3a0) /* pmpcfg0 */                                                                         \
    X(0xb00) /* mcycle */                                                                          \
    X(0xf14) /* mhartid */                                                                         \
    X(0xc00) /* cycle */                                                                           \
    X(0xc01) /* time */                                                                            \
    X(0xc02) /* instret */                                                                         \
    X(0xc03) /* hpmcounter3 */                                                                     \
    X(0xc1f) /* hpmcounter31 */                                                                    \
    X(0x106) /* scounteren */                                                                      \
    X(0x10a) /* senvcfg */                                                                         \
    X(0x10c) /* sstateen0 */                                                                       \
    X(0x14d) /* stimecmp */                                                                        \
    X(0x5a8) /* scontext */                                                                        \
    X(0xda0) /* scountovf */                                                                       \
    X(0x015) /* seed */                                                                            \
    X(0x003) /* fcsr, with floating point off */                                                   \
    X(0x5c0) /* custom */                                                                          \
    X(0x9c0)                                                                                       \
    X(0xdc0)                                                                                       \
    X(0x7c0)                                                                                       \
    X(0x8c0)                                                                                       \
    X(0xcc0)                                                                                       \
    X(0x2ff) /* nothing */

#define READER(n)                                                                                  \
    static void read_##n(uint64_t v)                                                               \
    {                                                                                              \
        __asm__ volatile("csrr %0, " #n : "=r"(v)::"memory");                                      \
        (void)v;                                                                                   \
    }
#define WRITER(n)                                                                                  \
    static void write_##n(uint64_t v)                                                              \
    {                                                                                              \
        __asm__ volatile("csrw " #n ", %0" ::"r"(v) : "memory");                                   \
    }
#define READ_ENTRY(n) read_##n,
#define WRITE_ENTRY(n) write_##n,
CSRS(READER)
CSRS(WRITER)

static void random_csr(void)
{
    static void (*const readers[])(uint64_t) = {CSRS(READ_ENTRY)};
    static void (*const writers[])(uint64_t) = {CSRS(WRITE_ENTRY)};
    unsigned i = (unsigned)fuzz_below(sizeof(readers) / sizeof(readers[0]));

    if (fuzz_below(2))
        readers[i](0);
    else
        writers[i](fuzz_argument());
}

/* Instructions VS mode may not execute: each traps, to the hypervisor
 * (which makes it the guest's illegal instruction) or to the guest. */
static void random_instruction(void)
{
    uint64_t a0 = FUZZ_SCRATCH;

    switch (fuzz_below(8)) {
    case 0:
        __asm__ volatile(".4byte 0x22000073" ::: "memory"); /* hfence.vvma */
        break;
    case 1:
        __asm__ volatile(".4byte 0x62000073" ::: "memory"); /* hfence.gvma */
        break;
    case 2:
        __asm__ volatile("mv a0, %0\n.4byte 0x60054573" /* hlv.b a0, (a0) */
                         ::"r"(a0)
                         : "a0", "memory");
        break;
    case 3:
        __asm__ volatile("mv a0, %0\n.4byte 0x62a54073" /* hsv.b a0, (a0) */
                         ::"r"(a0)
                         : "a0", "memory");
        break;
    case 4:
        __asm__ volatile(".4byte 0x30200073" ::: "memory"); /* mret */
        break;
    case 5:
        __asm__ volatile("ebreak" ::: "memory");
        break;
    case 6:
        __asm__ volatile(".4byte 0xffffffff" ::: "memory"); /* no such encoding */
        break;
    default:
        /* To user mode and an ecall there: the guest's own exception,
         * after which fuzz_step_over() comes back to supervisor mode.
         * SPIE clear: sret would otherwise turn interrupts on. */
        __asm__ volatile("la t0, 1f\n"
                         "csrw sepc, t0\n"
                         "csrc sstatus, %0\n"
                         "sret\n"
                         "1: ecall" ::"r"(SSTATUS_SPP | SSTATUS_SPIE)
                         : "t0", "memory");
        break;
    }
}

/* WFI until a timer interrupt is pending (taken nowhere: sstatus.SIE is
 * off), so that it ends. */
static void wait_for_timer(void)
{
    csr_set(sie, SIE_STIE);
    timer_irq_after(fuzz_below(1000));
    wfi();
    timer_irq_stop();
    csr_clear(sie, SIE_STIE);
}

/* An atomic the hypervisor cannot perform on a device: the guest's own
 * access fault (or, misaligned, its misaligned-access exception). */
static void atomic(uintptr_t addr, uint64_t value)
{
    uint64_t old;

    switch (fuzz_below(4)) {
    case 0:
        __asm__ volatile("amoswap.w %0, %1, (%2)" : "=r"(old) : "r"(value), "r"(addr) : "memory");
        break;
    case 1:
        __asm__ volatile("amoadd.d %0, %1, (%2)" : "=r"(old) : "r"(value), "r"(addr) : "memory");
        break;
    case 2:
        __asm__ volatile("lr.w %0, (%1)" : "=r"(old) : "r"(addr) : "memory");
        break;
    default:
        __asm__ volatile("sc.d %0, %1, (%2)" : "=r"(old) : "r"(value), "r"(addr) : "memory");
        break;
    }
    (void)old;
}

/* A register of the PLIC, as its model answers them: 32 bits, aligned, at
 * a source or context that exists (context 0, the only vCPU's). */
static uintptr_t plic_register(void)
{
    switch (fuzz_below(4)) {
    case 0:
        return PLIC_BASE + 4 * fuzz_below(64); /* priorities */
    case 1:
        return PLIC_BASE + 0x1000 + 4 * fuzz_below(2); /* pending */
    case 2:
        return PLIC_BASE + PLIC_ENABLE + 4 * fuzz_below(2);
    default:
        return PLIC_BASE + PLIC_CONTEXT + 4 * fuzz_below(2); /* threshold, claim */
    }
}

/* Somewhere with no RAM and no device: the guest's own access fault. */
static uintptr_t nowhere(void)
{
    static const uintptr_t places[] = {
        0,          0x1000,     0x08000000,     0x0c600000,      0x10000100,           0x10001000,
        0x7ffffff8, 0x84000000, 0x1000000000ul, 0x20000000000ul, 0xffffffffffffff00ul,
    };
    uintptr_t a = fuzz_below(2) ? fuzz_random() : places[fuzz_below(sizeof(places) / 8)];

    /* Its own RAM (up to 4 GiB of it) and devices are left alone. */
    if (a - GUEST_RAM_BASE < 0x100000000ul || a - PLIC_BASE < PLIC_SIZE ||
        a - GUEST_UART_BASE < UART_SIZE)
        return 0x08000000;
    return a;
}

static void random_mmio(void)
{
    unsigned size = 1u << fuzz_below(4);
    bool write = fuzz_below(2);
    uint64_t value = fuzz_random();
    uintptr_t addr;

    switch (fuzz_below(fuzz_any_mmio ? 5 : 4)) {
    case 0:
        addr = GUEST_UART_BASE + fuzz_below(8);
        size = 1;
        break;
    case 1:
        addr = plic_register();
        size = 4;
        break;
    case 2:
        atomic(fuzz_below(2) ? plic_register() : GUEST_UART_BASE + fuzz_below(8) * 4, value);
        return;
    case 3:
        addr = nowhere();
        break;
    default: /* anything in either window, which the models may refuse */
        addr = fuzz_below(2) ? PLIC_BASE + fuzz_below(PLIC_SIZE)
                             : GUEST_UART_BASE + fuzz_below(UART_SIZE);
        break;
    }
    if (write && addr == GUEST_UART_BASE)
        return;
    fuzz_access(addr, size, write, value);
    /* Its console must still print: no divisor latch, no loopback. */
    if (write && addr - GUEST_UART_BASE < UART_SIZE) {
        *(volatile uint8_t *)(GUEST_UART_BASE + UART_LCR) = LCR_8N1;
        *(volatile uint8_t *)(GUEST_UART_BASE + UART_MCR) = 0;
    }
}

void fuzz_operation(void)
{
    switch (fuzz_below(10)) {
    case 0:
    case 1:
    case 2:
        random_sbi_call();
        break;
    case 3:
    case 4:
        random_csr();
        break;
    case 5:
        random_instruction();
        break;
    case 6:
        if (!fuzz_below(16))
            wait_for_timer();
        break;
    default:
        random_mmio();
        break;
    }
}

/* An exception from user mode (the ecall) goes back to supervisor mode. */
void fuzz_step_over(struct exception_frame *frame, uint64_t cause)
{
    if (cause == CAUSE_ECALL_U)
        frame->sstatus |= SSTATUS_SPP;
    exception_skip(frame);
}
