/* The exit paths, each as a loop of back-to-back operations. The loops of
 * the synchronous paths are written out in assembly so that the guest's
 * part (counted at EL1) is the same instructions on every hypervisor: a
 * figure for one hypervisor's EL2 part can then be derived from its round
 * trip. The interrupt paths share their C code on all hypervisors. */
#include <public/septum.h>
#include <septum/errno.h>
#include "bench/bench.h"
#include "lib/arm64/gic.h"
#include "lib/exceptions.h"
#include "xen.h"

#define PSCI_VERSION 0x84000000u
#define UART_FR 0x18

#define TIMER_INTID 27 /* EL1 virtual timer PPI, on both hypervisors */
#define SGI_INTID 1
#define IRQ_PRIORITY 0xa0 /* below PMR 0xff, and kept by 5 priority bits */
#define CNTV_CTL_ENABLE 1u

/* SMCCC lets the callee change x0-x17 (Xen's hypercalls: x0-x5, x16). */
#define CALL_CLOBBERS                                                                              \
    "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", \
        "x15", "x16", "x17", "memory"

/* One call per iteration: x0 = function, x1 = 0, x16 = Xen's hypercall
 * number, then `hvc #imm`; 6 instructions at EL1 with the loop's own. */
#define HVC_LOOP                                                                                   \
    "1:     mov     x0, %[fn]\n"                                                                   \
    "       mov     x1, xzr\n"                                                                     \
    "       mov     x16, %[nr]\n"                                                                  \
    "       hvc     #%[tag]\n"                                                                     \
    "       subs    %w[n], %w[n], #1\n"                                                            \
    "       b.ne    1b\n"

/* n >= 1 for every loop here. */
static void hypercall(const struct platform *p, unsigned n)
{
    if (p->hyp == HYP_XEN)
        __asm__ volatile(HVC_LOOP
                         : [n] "+r"(n)
                         : [fn] "r"((uint64_t)XENVER_VERSION),
                           [nr] "r"((uint64_t)XEN_HC_XEN_VERSION), [tag] "i"(XEN_HYPERCALL_TAG)
                         : CALL_CLOBBERS);
    else
        __asm__ volatile(HVC_LOOP
                         : [n] "+r"(n)
                         : [fn] "r"((uint64_t)SEPTUM_HC_VERSION), [nr] "r"(0ull), [tag] "i"(0)
                         : CALL_CLOBBERS);
}

/* PSCI_VERSION through `hvc #0`: the conduit Linux uses under a hypervisor. */
static void psci_hvc(const struct platform *p, unsigned n)
{
    (void)p;
    __asm__ volatile(HVC_LOOP
                     : [n] "+r"(n)
                     : [fn] "r"((uint64_t)PSCI_VERSION), [nr] "r"(0ull), [tag] "i"(0)
                     : CALL_CLOBBERS);
}

/* A call the hypervisor does not have, which is what probing for a feature
 * costs: a function ID past Septum's calls in its vendor range; for Xen, a
 * hypercall number past its table. */
static void unknown_call(const struct platform *p, unsigned n)
{
    if (p->hyp == HYP_XEN)
        __asm__ volatile(
            HVC_LOOP
            : [n] "+r"(n)
            : [fn] "r"(0ull), [nr] "r"((uint64_t)XEN_HC_UNKNOWN), [tag] "i"(XEN_HYPERCALL_TAG)
            : CALL_CLOBBERS);
    else
        __asm__ volatile(HVC_LOOP
                         : [n] "+r"(n)
                         : [fn] "r"((uint64_t)SEPTUM_HC(0xffff)), [nr] "r"(0ull), [tag] "i"(0)
                         : CALL_CLOBBERS);
}

/* The UART's flag register: a 32-bit load the hypervisor must emulate. */
static void mmio_read(const struct platform *p, unsigned n)
{
    uint32_t value;

    __asm__ volatile("1:     ldr     %w[v], [%[fr]]\n"
                     "       subs    %w[n], %w[n], #1\n"
                     "       b.ne    1b\n"
                     : [n] "+r"(n), [v] "=&r"(value)
                     : [fr] "r"(p->uart + UART_FR)
                     : "memory");
}

/* PSCI_VERSION through `smc #0`, which HCR_EL2.TSC traps. */
static void smc_trap(const struct platform *p, unsigned n)
{
    (void)p;
    __asm__ volatile("1:     mov     x0, %[fn]\n"
                     "       smc     #0\n"
                     "       subs    %w[n], %w[n], #1\n"
                     "       b.ne    1b\n"
                     : [n] "+r"(n)
                     : [fn] "r"((uint64_t)PSCI_VERSION)
                     : CALL_CLOBBERS);
}

/* Interrupts taken so far; written by the handler only. */
static volatile uint32_t irqs_taken;

static void on_irq(struct exception_frame *frame)
{
    uint32_t intid = gic_ack();

    (void)frame;
    if (intid >= GIC_INTID_SPURIOUS)
        return;
    /* The timer's line is level: disabling it drops the line before EOI. */
    if (intid == TIMER_INTID)
        write_sysreg(cntv_ctl_el0, 0);
    gic_eoi(intid);
    irqs_taken = irqs_taken + 1;
}

/* Waits for the interrupt that the previous instruction raised. Under
 * icount it is taken at once, so the loop does not spin. */
static void wait_irq(uint32_t count)
{
    while (irqs_taken == count)
        cpu_relax();
}

/* The compare value 0 is always in the past: enabling the timer fires it. */
static void timer_irq(const struct platform *p, unsigned n)
{
    (void)p;
    write_sysreg(cntv_cval_el0, 0);
    for (unsigned i = 0; i < n; i++) {
        uint32_t count = irqs_taken;

        write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
        isb();
        wait_irq(count);
    }
}

/* An SGI to the sending vCPU itself: the write to ICC_SGI1R_EL1 traps
 * (HCR_EL2.IMO), the hypervisor makes it pending, the guest takes it. */
static void sgi_self(const struct platform *p, unsigned n)
{
    uint64_t self = cpu_hwid();

    (void)p;
    for (unsigned i = 0; i < n; i++) {
        uint32_t count = irqs_taken;

        gic_send_sgi(SGI_INTID, self);
        wait_irq(count);
    }
}

int irq_setup(const struct platform *p)
{
    exceptions_set_irq_handler(on_irq);
    gic_set_bases(p->intc, p->intc_cpu, GIC_REDIST_STRIDE);
    if (gic_dist_enable() || gic_redist_wake(0))
        return -EBUSY;
    gic_private_irq_enable(0, TIMER_INTID, IRQ_PRIORITY);
    gic_private_irq_enable(0, SGI_INTID, IRQ_PRIORITY);
    gic_cpu_interface_enable();
    irq_enable();
    return 0;
}

/* No own(): the PMU counts EL1 and EL2 apart. */
const struct bench_path bench_paths[] = {
    {"hypercall", hypercall, NULL},       {"psci-hvc", psci_hvc, NULL},
    {"unknown-call", unknown_call, NULL}, {"mmio-read", mmio_read, NULL},
    {"smc-trap", smc_trap, NULL},         {"vtimer-irq", timer_irq, NULL},
    {"sgi-self", sgi_self, NULL},
};
const unsigned bench_path_count = sizeof(bench_paths) / sizeof(bench_paths[0]);
