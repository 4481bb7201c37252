/* irq: checks interrupt delivery to a partition through its interrupt
 * controller (arm64: GICv3, riscv64: PLIC and SBI): the timer on the boot
 * CPU (arm64: the EL1 virtual timer's PPI 27), then an IPI round trip
 * between two CPUs (SGI, SBI IPI), then the device interrupt (the UART's:
 * SPI 33, PLIC source 10; made pending without the device) routed to the
 * second CPU, moved to it while pending at the first, enabled and, where
 * the controller can, cleared while pending. Bootarg reset: reset the
 * partition from inside the third timer interrupt, before ending it (the
 * restarted partition must get its timer again). */
#include <stdint.h>
#include "lib/arch.h"
#include "lib/bootargs.h"
#include "lib/console.h"
#include "lib/cpu.h"
#include "lib/dtb.h"
#include "lib/exceptions.h"
#include "lib/runtime.h"
#include "lib/timer.h"

#define SPI_INTID IRQ_UART /* the one device interrupt a partition has */
#define IRQ_PRIORITY 0xa0  /* any value below PMR 0xff; 5 priority bits keep it */
#define TIMER_COUNT 10
#define TIMER_PERIOD_MS 1
#define RESET_AT_TICK 3
/* Generous: TCG on a loaded host can starve a vCPU for a while. */
#define WAIT_MS 5000
/* How long a CPU that must not get an interrupt is watched. */
#define QUIET_MS 20

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

/* Programs the next expiry, which also retires the current one: the
 * level-sensitive timer line drops before the interrupt is ended. */
static void timer_arm(void)
{
    timer_irq_after(timer_ticks_from_ms(TIMER_PERIOD_MS));
}

static void on_timer(void)
{
    uint32_t n = timer_irqs + 1;

    /* The guest never masks its timer itself: a hypervisor that did so to
     * stop the level-sensitive line would show here. */
    if (timer_irq_masked())
        timer_masked = 1;
    timer_irqs = n;
    console_printf("irq: timer %u\n", n);
    if (reset_in_handler && n == RESET_AT_TICK) {
        console_printf("irq: resetting from the timer handler\n");
        system_reset();
    }
    if (n < TIMER_COUNT) {
        timer_arm();
    } else {
        timer_irq_stop();
    }
}

static void on_sgi(void)
{
    unsigned self = cpu_index();
    unsigned from = self == cpus.boot ? peer : cpus.boot;

    console_printf("irq: cpu%u got sgi from cpu%u\n", self, from);
    if (self != cpus.boot)
        irq_send_ipi(cpus.hwid[cpus.boot]);
    sgi_received[self] = 1;
}

/* While its handler runs, the SPI is active, and the distributor says so
 * to the CPU handling it. */
static void on_spi(void)
{
    unsigned self = cpu_index();

    console_printf("irq: cpu%u got " IRQ_UART_NAME " %u\n", self, SPI_INTID);
    if (irq_device_active(SPI_INTID) == 0)
        console_printf("irq: FAIL " IRQ_UART_NAME " %u not active in its handler\n", SPI_INTID);
}

/* Counted once the interrupt has ended: the boot CPU goes on (and may
 * disable it) once it sees the count, and a PLIC ignores the end of an
 * interrupt that is no longer enabled for the hart ending it. */
static void count_spi(void)
{
    unsigned self = cpu_index();

    dmb();
    spi_taken[self] = spi_taken[self] + 1;
}

static void handle_irq(struct exception_frame *frame)
{
    unsigned intid = irq_ack();

    (void)frame;
    if (intid == IRQ_NONE)
        return;
    if (intid == IRQ_TIMER)
        on_timer();
    else if (intid == IRQ_IPI)
        on_sgi();
    else if (intid == SPI_INTID)
        on_spi();
    else
        console_printf("irq: unexpected intid %u on cpu%u\n", intid, cpu_index());
    irq_end(intid);
    if (intid == SPI_INTID) {
        if (irq_device_active(SPI_INTID) == 1)
            console_printf("irq: FAIL " IRQ_UART_NAME " %u still active after its end\n",
                           SPI_INTID);
        count_spi();
    }
}

/* Per-CPU set-up (timer, IPI, the CPU's interface), then IRQs unmasked. */
static int cpu_irq_init(unsigned index)
{
    if (irq_cpu_init(index))
        return -1;
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
        irq_window(); /* the pending interrupt is taken here */
    }
    irq_enable();
    return done;
}

static void peer_main(unsigned index)
{
    if (cpu_irq_init(index)) {
        console_printf("irq: FAIL interrupt set-up of cpu%u did not respond\n", index);
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
        console_printf("irq: FAIL the timer was masked behind the guest's back\n");
}

static void test_sgi(void)
{
    int64_t ret;

    peer = cpus.boot == 0 ? 1 : 0;
    ret = cpu_start(peer, cpus.hwid[peer], peer_main);
    if (ret != 0)
        guest_fail("%s cpu on cpu%u returned %ld", power_interface_name, peer, (long)ret);
    if (!wait_flag(&peer_ready))
        guest_fail("cpu%u did not come up", peer);
    irq_send_ipi(cpus.hwid[peer]);
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
            guest_fail(IRQ_UART_NAME " %u %s: cpu%u did not get it", SPI_INTID, what, peer);
        cpu_relax();
    }
    if (spi_taken[cpus.boot])
        guest_fail(IRQ_UART_NAME " %u %s: cpu%u got it instead of cpu%u", SPI_INTID, what,
                   cpus.boot, peer);
    console_printf("irq: " IRQ_UART_NAME " %u %s reached cpu%u\n", SPI_INTID, what, peer);
}

/* The interrupt is delivered to the boot CPU's interface while that CPU
 * has its interrupts masked, then routed to the peer: it must move there. */
static void test_spi_moves_while_pending(void)
{
    irq_disable();
    irq_device_route(SPI_INTID, cpus.hwid[cpus.boot]);
    irq_device_set_pending(SPI_INTID, true);
    if (!irq_device_pending(SPI_INTID) || !irq_next_here(SPI_INTID))
        guest_fail(IRQ_UART_NAME " %u not pending at cpu%u", SPI_INTID, cpus.boot);
    irq_device_route(SPI_INTID, cpus.hwid[peer]);
    expect_spi_at_peer(2, "moved while pending");
    if (irq_next_here(SPI_INTID))
        guest_fail(IRQ_UART_NAME " %u still pending at cpu%u after it moved", SPI_INTID, cpus.boot);
    irq_enable();
    timer_delay_ms(QUIET_MS);
    if (spi_taken[cpus.boot])
        guest_fail(IRQ_UART_NAME " %u taken at cpu%u too after it moved", SPI_INTID, cpus.boot);
}

static void test_spi(void)
{
    irq_device_configure(SPI_INTID, IRQ_PRIORITY);
    irq_device_route(SPI_INTID, cpus.hwid[peer]);
    irq_device_enable(SPI_INTID, true);
    irq_device_set_pending(SPI_INTID, true);
    expect_spi_at_peer(1, "routed");

    test_spi_moves_while_pending();

    irq_device_enable(SPI_INTID, false);
    irq_device_set_pending(SPI_INTID, true);
    timer_delay_ms(QUIET_MS);
    if (!irq_device_pending(SPI_INTID) || spi_taken[peer] != 2)
        guest_fail("disabled " IRQ_UART_NAME " %u not held pending", SPI_INTID);
    irq_device_enable(SPI_INTID, true);
    expect_spi_at_peer(3, "enabled while pending");

    if (IRQ_CLEAR_PENDING) {
        irq_device_enable(SPI_INTID, false);
        irq_device_set_pending(SPI_INTID, true);
        irq_device_set_pending(SPI_INTID, false);
        irq_device_enable(SPI_INTID, true);
        timer_delay_ms(QUIET_MS);
        if (irq_device_pending(SPI_INTID) || spi_taken[peer] != 3 || spi_taken[cpus.boot])
            guest_fail(IRQ_UART_NAME " %u cleared while pending was delivered all the same",
                       SPI_INTID);
        console_printf("irq: " IRQ_UART_NAME " %u cleared while pending stayed quiet\n", SPI_INTID);
    }
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
    if (irq_init())
        guest_fail("interrupt controller did not respond");
    if (cpu_irq_init(cpus.boot))
        guest_fail("interrupt set-up of cpu%u did not respond", cpus.boot);
    test_timer();
    if (cpus.count > 1) {
        test_sgi();
        test_spi();
    } else {
        console_printf("irq: one cpu, no sgi or spi test\n");
    }
    console_printf("irq: done\n");
    system_off();
}
