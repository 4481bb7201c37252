/* riscv64's exit paths, each as a loop of back-to-back operations. The
 * synchronous loops are written out in assembly so that the guest's part
 * is the same instructions whoever answers (Septum, or bare QEMU's
 * firmware); the interrupt paths go through the runtime's arch API. */
#include <public/septum.h>
#include <septum/errno.h>
#include "bench/bench.h"
#include "lib/arch.h"
#include "lib/exceptions.h"
#include "lib/riscv64/riscv.h"

#define UART_LSR 5

/* SBI preserves every register but a0 and a1 (Septum's calls: a0-a3). */
#define CALL_CLOBBERS "a0", "a1", "a2", "a3", "a6", "a7", "memory"

/* One call per iteration: a7 = extension, a6 = function, a0 = 0, ecall;
 * 6 instructions in the guest with the loop's own. */
#define ECALL_LOOP_WITH(call)                                                                      \
    "1:     mv      a7, %[eid]\n"                                                                  \
    "       mv      a6, %[fid]\n"                                                                  \
    "       li      a0, 0\n"                                                                       \
    "       " call "\n"                                                                            \
    "       addiw   %[n], %[n], -1\n"                                                              \
    "       bnez    %[n], 1b\n"
#define ECALL_LOOP ECALL_LOOP_WITH("ecall")

static void ecall_loop(uint64_t eid, uint64_t fid, unsigned n)
{
    __asm__ volatile(ECALL_LOOP : [n] "+r"(n) : [eid] "r"(eid), [fid] "r"(fid) : CALL_CLOBBERS);
}

/* The same loop with a nop for the ecall: the guest's share of a call. */
static void ecall_loop_own(const struct platform *p, unsigned n)
{
    uint64_t eid = 0, fid = 0;

    (void)p;
    __asm__ volatile(ECALL_LOOP_WITH("nop")
                     : [n] "+r"(n)
                     : [eid] "r"(eid), [fid] "r"(fid)
                     : CALL_CLOBBERS);
}

/* n >= 1 for every loop here. */
static void hypercall(const struct platform *p, unsigned n)
{
    (void)p;
    ecall_loop(SEPTUM_SBI_EXT, SEPTUM_SBI_FID(SEPTUM_HC_VERSION), n);
}

/* SBI get_spec_version: what a guest kernel asks its SBI implementation. */
static void sbi_base(const struct platform *p, unsigned n)
{
    (void)p;
    ecall_loop(SBI_EXT_BASE, 0, n);
}

/* A Septum function that does not exist: what probing for one costs. */
static void unknown_call(const struct platform *p, unsigned n)
{
    (void)p;
    ecall_loop(SEPTUM_SBI_EXT, 0xffff, n);
}

/* The UART's line status register: a byte load the hypervisor emulates. */
static void mmio_read(const struct platform *p, unsigned n)
{
    uint64_t value;

    __asm__ volatile("1:     lbu     %[v], 0(%[lsr])\n"
                     "       addiw   %[n], %[n], -1\n"
                     "       bnez    %[n], 1b\n"
                     : [n] "+r"(n), [v] "=&r"(value)
                     : [lsr] "r"(p->uart + UART_LSR)
                     : "memory");
}

/* The same loop on a byte of RAM: the guest's share of the read. */
static void mmio_read_own(const struct platform *p, unsigned n)
{
    static uint8_t ram_byte;
    uint64_t value;

    (void)p;
    __asm__ volatile("1:     lbu     %[v], 0(%[lsr])\n"
                     "       addiw   %[n], %[n], -1\n"
                     "       bnez    %[n], 1b\n"
                     : [n] "+r"(n), [v] "=&r"(value)
                     : [lsr] "r"(&ram_byte)
                     : "memory");
}

/* Interrupts taken so far; written by the handler only. */
static volatile uint32_t irqs_taken;

static void on_irq(struct exception_frame *frame)
{
    unsigned irq = irq_ack();

    (void)frame;
    if (irq == IRQ_NONE)
        return;
    /* The timer's line is level: a deadline far away drops it. */
    if (irq == IRQ_TIMER)
        timer_irq_stop();
    irq_end(irq);
    irqs_taken = irqs_taken + 1;
}

/* Waits for the interrupt that the previous operation raised. */
static void wait_irq(uint32_t count)
{
    while (irqs_taken == count)
        cpu_relax();
}

/* The deadline 0 is always in the past: setting it fires the timer. */
static void timer_irq(const struct platform *p, unsigned n)
{
    (void)p;
    for (unsigned i = 0; i < n; i++) {
        uint32_t count = irqs_taken;

        timer_irq_at(0);
        wait_irq(count);
    }
}

/* An IPI to the sending hart itself, as SBI send_ipi with hart mask 1 at
 * base self; `raise` is the ecall, or for the guest's own share a VS-mode
 * write of sip.SSIP, which raises the same interrupt without leaving the
 * guest. Written out in assembly so both run the same instructions. */
#define IPI_SELF(raise)                                                                            \
    __asm__ volatile("       mv      a7, %[eid]\n"                                                 \
                     "       li      a6, 0\n"                                                      \
                     "       li      a0, 1\n"                                                      \
                     "       mv      a1, %[self]\n"                                                \
                     "       " raise "\n"                                                          \
                     :                                                                             \
                     : [eid] "r"((uint64_t)SBI_EXT_IPI), [self] "r"(self)                          \
                     : CALL_CLOBBERS)

static void ipi_self(const struct platform *p, unsigned n)
{
    uint64_t self = cpu_hwid();

    (void)p;
    for (unsigned i = 0; i < n; i++) {
        uint32_t count = irqs_taken;

        IPI_SELF("ecall");
        wait_irq(count);
    }
}

static void ipi_self_own(const struct platform *p, unsigned n)
{
    uint64_t self = cpu_hwid();

    (void)p;
    for (unsigned i = 0; i < n; i++) {
        uint32_t count = irqs_taken;

        IPI_SELF("csrsi   sip, 2");
        wait_irq(count);
    }
}

int irq_setup(const struct platform *p)
{
    (void)p;
    exceptions_set_irq_handler(on_irq);
    if (irq_init() || irq_cpu_init(0))
        return -EBUSY;
    irq_enable();
    return 0;
}

/* The timer has no own(): with Sstc the guest's deadline is its own
 * (vstimecmp) and its interrupt never leaves the guest. */
const struct bench_path bench_paths[] = {
    {"hypercall", hypercall, ecall_loop_own},
    {"sbi-base", sbi_base, ecall_loop_own},
    {"unknown-call", unknown_call, ecall_loop_own},
    {"mmio-read", mmio_read, mmio_read_own},
    {"timer-irq", timer_irq, NULL},
    {"ipi-self", ipi_self, ipi_self_own},
};
const unsigned bench_path_count = sizeof(bench_paths) / sizeof(bench_paths[0]);
