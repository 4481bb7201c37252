/* The exit paths, each as a loop of back-to-back operations. The loops are
 * plain C around one trapping instruction; their own instructions show in
 * the EL1 count, not in the hypervisor's. */
#include <public/septum.h>
#include "lib/gic.h"
#include "lib/exceptions.h"
#include "lib/sysreg.h"
#include "bench.h"

/* Xen's hypercall ABI on Arm: `hvc #0xEA1`, number in x16, arguments from
 * x0 (xen/include/public/arch-arm.h); xen_version(XENVER_version, NULL)
 * is its cheapest call. */
#define XEN_HYPERCALL_TAG 0xea1
#define XEN_HC_XEN_VERSION 17
#define XENVER_VERSION 0

#define PSCI_VERSION 0x84000000u
#define UART_FR 0x18

#define TIMER_INTID 27 /* EL1 virtual timer PPI, on both hypervisors */
#define SGI_INTID 1
#define CNTV_CTL_ENABLE 1u

/* SMCCC lets the callee change x0-x17; Xen's hypercalls x0-x5 and x16. */
#define CALL_CLOBBERS                                                                              \
    "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",       \
        "x15", "x16", "x17", "memory"

static void hypercall(const struct platform *p, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (p->hyp == HYP_XEN) {
            register uint64_t x0 __asm__("x0") = XENVER_VERSION;
            register uint64_t x1 __asm__("x1") = 0;
            register uint64_t x16 __asm__("x16") = XEN_HC_XEN_VERSION;

            __asm__ volatile("hvc #%[tag]"
                             : "+r"(x0), "+r"(x1), "+r"(x16)
                             : [tag] "i"(XEN_HYPERCALL_TAG)
                             : "x2", "x3", "x4", "x5", "memory");
        } else {
            register uint64_t x0 __asm__("x0") = SEPTUM_HC_VERSION;

            __asm__ volatile("hvc #0" : "+r"(x0) : : CALL_CLOBBERS);
        }
    }
}

/* The UART's flag register: a 32-bit load the hypervisor must emulate. */
static void mmio_read(const struct platform *p, unsigned n)
{
    const volatile uint32_t *fr = (const volatile uint32_t *)(p->uart + UART_FR);

    for (unsigned i = 0; i < n; i++) {
        uint32_t value;

        __asm__ volatile("ldr %w0, [%1]" : "=r"(value) : "r"(fr) : "memory");
    }
}

/* PSCI_VERSION through `smc #0`, which HCR_EL2.TSC traps. */
static void smc_trap(const struct platform *p, unsigned n)
{
    (void)p;
    for (unsigned i = 0; i < n; i++) {
        register uint64_t x0 __asm__("x0") = PSCI_VERSION;

        __asm__ volatile("smc #0" : "+r"(x0) : : CALL_CLOBBERS);
    }
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
    uint64_t self = mpidr_affinity();

    (void)p;
    for (unsigned i = 0; i < n; i++) {
        uint32_t count = irqs_taken;

        gic_send_sgi(SGI_INTID, self);
        wait_irq(count);
    }
}

int irq_setup(const struct platform *p)
{
    static const unsigned intids[] = {TIMER_INTID, SGI_INTID};

    exceptions_set_irq_handler(on_irq);
    if (gic_setup(p, 0, intids, sizeof(intids) / sizeof(intids[0])))
        return -1;
    irq_enable();
    return 0;
}

const struct bench_path bench_paths[] = {
    {"hypercall", hypercall}, {"mmio-read", mmio_read}, {"smc-trap", smc_trap},
    {"vtimer-irq", timer_irq}, {"sgi-self", sgi_self},
};
const unsigned bench_path_count = sizeof(bench_paths) / sizeof(bench_paths[0]);
