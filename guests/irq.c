/* irq: checks interrupt delivery to a partition through the GICv3: the
 * EL1 virtual timer (PPI 27) on the boot CPU, then an SGI round trip
 * between two CPUs, then a shared interrupt (the UART's SPI 33, made
 * pending through the distributor) routed to the second CPU, moved to it
 * while pending at the first, enabled and cleared while pending. Bootarg
 * reset: reset the partition from inside the third timer interrupt, before
 * ending it (the restarted partition must get its timer again). */
#include <stdint.h>
#include "lib/bootargs.h"
#include "lib/console.h"
#include "lib/cpu.h"
#include "lib/dtb.h"
#include "lib/exceptions.h"
#include "lib/gic.h"
#include "lib/psci.h"
#include "lib/runtime.h"
#include "lib/sysreg.h"
#include "lib/timer.h"

#define TIMER_INTID 27 /* EL1 virtual timer PPI */
#define SGI_INTID 1
#define SPI_INTID 33      /* the UART's: the one SPI a partition has */
#define IRQ_PRIORITY 0xa0 /* any value below PMR 0xff; 5 priority bits keep it */
#define TIMER_COUNT 10
#define TIMER_PERIOD_MS 1
#define RESET_AT_TICK 3
/* Generous: TCG on a loaded host can starve a vCPU for a while. */
#define WAIT_MS 5000
/* How long a CPU that must not get an interrupt is watched. */
#define QUIET_MS 20

#define CNTV_CTL_ENABLE (1u << 0)
#define CNTV_CTL_IMASK (1u << 1)

const char guest_name[] = "irq";

static struct cpus cpus;
static unsigned peer; /* the CPU the boot CPU exchanges SGIs with */
static bool reset_in_handler;

/* Each written by one CPU only (no atomics with the MMU off). */
static volatile uint32_t timer_irqs;                   /* boot CPU's handler */
static volatile uint32_t timer_masked;                 /* boot CPU's handler */
static volatile uint32_t peer_ready;                   /* peer */
static volatile uint32_t sgi_received[GUEST_MAX_CPUS]; /* receiver's handler */
static volatile uint32_t spi_taken[GUEST_MAX_CPUS];    /* receiver's handler */
static volatile uint32_t spi_done;                     /* boot CPU */

/* Programs the next expiry; writing TVAL also retires the current one, so
 * the level-sensitive timer line drops before the interrupt is ended. */
static void timer_arm(void)
{
    write_sysreg(cntv_tval_el0, timer_ticks_from_ms(TIMER_PERIOD_MS));
    write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
    isb();
}

static void on_timer(void)
{
    uint32_t n = timer_irqs + 1;

    /* The guest never masks its timer itself: a hypervisor that did so to
     * stop the level-sensitive line would show here. */
    if (read_sysreg(cntv_ctl_el0) & CNTV_CTL_IMASK)
        timer_masked = 1;
    timer_irqs = n;
    console_printf("irq: timer %u\n", n);
    if (reset_in_handler && n == RESET_AT_TICK) {
        console_printf("irq: resetting from the timer handler\n");
        psci_system_reset();
    }
    if (n < TIMER_COUNT) {
        timer_arm();
    } else {
        write_sysreg(cntv_ctl_el0, 0);
        isb();
    }
}

static void on_sgi(void)
{
    unsigned self = cpu_index();
    unsigned from = self == cpus.boot ? peer : cpus.boot;

    console_printf("irq: cpu%u got sgi from cpu%u\n", self, from);
    if (self != cpus.boot)
        gic_send_sgi(SGI_INTID, cpus.mpidr[cpus.boot]);
    sgi_received[self] = 1;
}

/* While its handler runs, the SPI is active, and the distributor says so
 * to the CPU handling it. */
static void on_spi(void)
{
    unsigned self = cpu_index();

    console_printf("irq: cpu%u got spi %u\n", self, SPI_INTID);
    if (!gic_spi_active(SPI_INTID))
        console_printf("irq: FAIL spi %u not active in its handler\n", SPI_INTID);
    /* Counted last: the boot CPU prints once it sees the count. */
    dmb();
    spi_taken[self] = spi_taken[self] + 1;
}

static void handle_irq(struct exception_frame *frame)
{
    uint32_t intid = gic_ack();

    (void)frame;
    if (intid >= 1020) /* spurious or special: nothing to end */
        return;
    if (intid == TIMER_INTID)
        on_timer();
    else if (intid == SGI_INTID)
        on_sgi();
    else if (intid == SPI_INTID)
        on_spi();
    else
        console_printf("irq: unexpected intid %u on cpu%u\n", intid, cpu_index());
    gic_eoi(intid);
    if (intid == SPI_INTID && gic_spi_active(SPI_INTID))
        console_printf("irq: FAIL spi %u still active after its end\n", SPI_INTID);
}

/* Per-CPU GIC set-up: redistributor, private interrupts, CPU interface. */
static int cpu_irq_init(unsigned index)
{
    if (gic_redist_wake(index))
        return -1;
    gic_private_irq_enable(index, TIMER_INTID, IRQ_PRIORITY);
    gic_private_irq_enable(index, SGI_INTID, IRQ_PRIORITY);
    gic_cpu_interface_enable();
    irq_enable();
    return 0;
}

/* Waits for *flag to become non-zero; false on timeout. */
static bool wait_flag(volatile uint32_t *flag)
{
    uint64_t deadline = timer_deadline_ms(WAIT_MS);

    while (!*flag) {
        if (timer_passed(deadline))
            return false;
        cpu_relax();
    }
    return true;
}

/* Sleeps in WFI until *flag reaches value: the interrupt whose handler
 * sets it must wake the CPU (under a hypervisor that traps WFI, the
 * hypervisor must). Returns false if the deadline (0: none) passed. */
static bool sleep_until(volatile uint32_t *flag, uint32_t value, uint64_t deadline)
{
    bool done;

    irq_disable();
    while (!(done = *flag >= value) && !(deadline && timer_passed(deadline))) {
        wfi();
        irq_enable(); /* the pending interrupt is taken here */
        isb();
        irq_disable();
    }
    irq_enable();
    return done;
}

static void peer_main(unsigned index)
{
    if (cpu_irq_init(index)) {
        console_printf("irq: FAIL redistributor of cpu%u did not wake\n", index);
        return;
    }
    dmb();
    peer_ready = 1;
    /* Asleep: the SGI from another pCPU must wake it. Should it never
     * come, the boot CPU says so. */
    sleep_until(&sgi_received[index], 1, 0);
    /* Takes the SPIs routed here until the boot CPU is done with them. */
    if (!wait_flag(&spi_done))
        console_printf("irq: FAIL cpu%u never told the spi test ended\n", index);
    irq_disable();
    /* Returning makes the runtime call CPU_OFF. */
}

static void test_timer(void)
{
    uint64_t deadline = timer_deadline_ms(WAIT_MS);

    timer_arm();
    /* Asleep between ticks: the timer must wake the CPU. */
    if (!sleep_until(&timer_irqs, TIMER_COUNT, deadline))
        guest_fail("got %u of %u timer interrupts", timer_irqs, TIMER_COUNT);
    if (timer_masked) /* reported, but the other tests still run */
        console_printf("irq: FAIL CNTV_CTL.IMASK was set behind the guest's back\n");
}

static void test_sgi(void)
{
    int64_t ret;

    peer = cpus.boot == 0 ? 1 : 0;
    ret = cpu_start(peer, cpus.mpidr[peer], peer_main);
    if (ret != PSCI_SUCCESS)
        guest_fail("CPU_ON cpu%u returned %ld", peer, (long)ret);
    if (!wait_flag(&peer_ready))
        guest_fail("cpu%u did not come up", peer);
    gic_send_sgi(SGI_INTID, cpus.mpidr[peer]);
    if (!wait_flag(&sgi_received[cpus.boot]))
        guest_fail("no sgi back from cpu%u", peer);
}

/* Waits until the peer has taken `count` SPIs in all; the boot CPU must
 * have taken none. */
static void expect_spi_at_peer(uint32_t count, const char *what)
{
    uint64_t deadline = timer_deadline_ms(WAIT_MS);

    while (spi_taken[peer] < count && !spi_taken[cpus.boot]) {
        if (timer_passed(deadline))
            guest_fail("spi %u %s: cpu%u did not get it", SPI_INTID, what, peer);
        cpu_relax();
    }
    if (spi_taken[cpus.boot])
        guest_fail("spi %u %s: cpu%u got it instead of cpu%u", SPI_INTID, what, cpus.boot, peer);
    console_printf("irq: spi %u %s reached cpu%u\n", SPI_INTID, what, peer);
}

static uint32_t highest_pending(void)
{
    return (uint32_t)read_sysreg(icc_hppir1_el1) & 0xffffff;
}

/* The SPI is delivered to the boot CPU's interface while that CPU has its
 * interrupts masked, then routed to the peer: it must move there. */
static void test_spi_moves_while_pending(void)
{
    irq_disable();
    gic_spi_route(SPI_INTID, cpus.mpidr[cpus.boot]);
    gic_spi_set_pending(SPI_INTID, true);
    if (!gic_spi_pending(SPI_INTID) || highest_pending() != SPI_INTID)
        guest_fail("spi %u not pending at cpu%u (highest pending %u)", SPI_INTID, cpus.boot,
                   highest_pending());
    gic_spi_route(SPI_INTID, cpus.mpidr[peer]);
    expect_spi_at_peer(2, "moved while pending");
    if (highest_pending() == SPI_INTID)
        guest_fail("spi %u still pending at cpu%u after it moved", SPI_INTID, cpus.boot);
    irq_enable();
    timer_delay_ms(QUIET_MS);
    if (spi_taken[cpus.boot])
        guest_fail("spi %u taken at cpu%u too after it moved", SPI_INTID, cpus.boot);
}

static void test_spi(void)
{
    gic_spi_configure(SPI_INTID, IRQ_PRIORITY);
    gic_spi_route(SPI_INTID, cpus.mpidr[peer]);
    gic_spi_enable(SPI_INTID, true);
    gic_spi_set_pending(SPI_INTID, true);
    expect_spi_at_peer(1, "routed");

    test_spi_moves_while_pending();

    gic_spi_enable(SPI_INTID, false);
    gic_spi_set_pending(SPI_INTID, true);
    timer_delay_ms(QUIET_MS);
    if (!gic_spi_pending(SPI_INTID) || spi_taken[peer] != 2)
        guest_fail("disabled spi %u not held pending", SPI_INTID);
    gic_spi_enable(SPI_INTID, true);
    expect_spi_at_peer(3, "enabled while pending");

    gic_spi_enable(SPI_INTID, false);
    gic_spi_set_pending(SPI_INTID, true);
    gic_spi_set_pending(SPI_INTID, false);
    gic_spi_enable(SPI_INTID, true);
    timer_delay_ms(QUIET_MS);
    if (gic_spi_pending(SPI_INTID) || spi_taken[peer] != 3 || spi_taken[cpus.boot])
        guest_fail("spi %u cleared while pending was delivered all the same", SPI_INTID);
    console_printf("irq: spi %u cleared while pending stayed quiet\n", SPI_INTID);
    dmb();
    spi_done = 1;
}

int main(const void *dtb)
{
    struct fdt fdt;
    int err;

    if (dtb_open(&fdt, dtb) != 0)
        guest_fail("no valid DTB at %p", dtb);
    err = cpus_discover(&fdt, &cpus);
    if (err)
        guest_fail("%s", cpus_strerror(err));
    reset_in_handler = bootargs_has_word(dtb_bootargs(&fdt), "reset");
    exceptions_set_irq_handler(handle_irq);
    if (gic_dist_enable())
        guest_fail("distributor stuck in RWP");
    if (cpu_irq_init(cpus.boot))
        guest_fail("redistributor of cpu%u did not wake", cpus.boot);
    test_timer();
    if (cpus.count > 1) {
        test_sgi();
        test_spi();
    } else {
        console_printf("irq: one cpu, no sgi or spi test\n");
    }
    console_printf("irq: done\n");
    psci_system_off();
}
