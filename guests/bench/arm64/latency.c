/* bench latency=W: the virtual timer's latency, one tick at a time, in W
 * windows of LATENCY_WINDOW ticks (W = 0: until the machine stops), one
 * line per window (tools/bench parses it):
 *   bench: latency 3 el2 412 415 ns 480 496 slow 0 exits 256
 * (the window, the median and most of each, the ticks whose el2 is more
 * than twice the median, and the exits the hypervisor counted for this
 * vCPU during the window's ticks: VCPU_INFO on itself, Septum only)
 * el2: the hypervisor's instructions on this pCPU from the guest's WFI to
 * its timer handler (PMU at EL2): what a tick costs there, where another
 * domain's interference would show (a lock spun on, a kick, a stray
 * interrupt), whatever QEMU's round robin between pCPUs does to time.
 * ns: virtual time from the programmed compare value to the handler. */
#include <public/septum.h>
#include "bench/bench.h"
#include "lib/arm64/gic.h"
#include "lib/console.h"
#include "lib/exceptions.h"
#include "lib/runtime.h"
#include "lib/timer.h"

#define TIMER_INTID 27
#define CNTV_CTL_ENABLE 1u
#define PERIOD_US 1000 /* a 1 kHz tick, as a Linux HZ=1000 or an RTOS */

static volatile bool fired;
static struct counts at_handler;

/* The first thing the handler does is to note the time and the count. */
static void on_tick(struct exception_frame *frame)
{
    struct counts now;
    uint32_t intid;

    counts_read(&now);
    intid = gic_ack();
    (void)frame;
    if (intid >= GIC_INTID_SPURIOUS)
        return;
    if (intid == TIMER_INTID) {
        write_sysreg(cntv_ctl_el0, 0); /* drops the level-sensitive line */
        at_handler = now;
        fired = true;
    }
    gic_eoi(intid);
}

/* Exits of this (single-vCPU) domain so far, this call's own included. */
static uint64_t own_exits(void)
{
    static struct septum_vcpu_info info;
    uint64_t sum = 0;

    if (septum_hcall(SEPTUM_HC_VCPU_INFO, SEPTUM_DOMID_SELF, (uintptr_t)&info, sizeof(info), 0, 0)
            .status < 1)
        return 0;
    for (unsigned i = 0; i < SEPTUM_EXIT_CAUSES; i++)
        sum += info.exits[i];
    return sum;
}

static void insert_sorted(uint64_t *sorted, unsigned n, uint64_t v)
{
    unsigned j = n;

    for (; j > 0 && sorted[j - 1] > v; j--)
        sorted[j] = sorted[j - 1];
    sorted[j] = v;
}

/* Sleeps in WFI until the tick; IRQs masked between the check and the WFI,
 * so that the tick cannot come in between and be slept through. */
static void one_tick(uint64_t period, uint64_t *el2, uint64_t *ns)
{
    struct counts before, d;
    uint64_t cval;

    irq_disable();
    fired = false;
    cval = timer_count() + period;
    write_sysreg(cntv_cval_el0, cval);
    write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
    isb();
    counts_read(&before);
    while (!fired) {
        wfi();
        irq_enable(); /* the tick is taken here */
        isb();
        irq_disable();
    }
    irq_enable();
    counts_delta(&before, &at_handler, &d);
    *el2 = d.el2;
    *ns = at_handler.round_trip - cval * 1000000000ull / timer_frequency();
}

void latency_run(unsigned windows)
{
    static uint64_t el2[LATENCY_WINDOW], ns[LATENCY_WINDOW];
    uint64_t period = timer_frequency() * PERIOD_US / 1000000;

    exceptions_set_irq_handler(on_tick);
    for (unsigned w = 1; windows == 0 || w <= windows; w++) {
        uint64_t exits = own_exits();

        for (unsigned i = 0; i < LATENCY_WINDOW; i++) {
            uint64_t e, t;

            one_tick(period, &e, &t);
            insert_sorted(el2, i, e);
            insert_sorted(ns, i, t);
        }
        unsigned slow = 0;

        exits = own_exits() - exits - 1; /* not the call that reads them */

        while (slow < LATENCY_WINDOW &&
               el2[LATENCY_WINDOW - 1 - slow] > 2 * el2[LATENCY_WINDOW / 2])
            slow++;
        console_printf("bench: latency %u el2 %lu %lu ns %lu %lu slow %u exits %lu\n", w,
                       (unsigned long)el2[LATENCY_WINDOW / 2],
                       (unsigned long)el2[LATENCY_WINDOW - 1],
                       (unsigned long)ns[LATENCY_WINDOW / 2], (unsigned long)ns[LATENCY_WINDOW - 1],
                       slow, (unsigned long)exits);
    }
}
