/* riscv64: the arch API's interrupts (lib/arch.h): the hart's own timer
 * and software (IPI) interrupts, and the PLIC (RISC-V PLIC Specification
 * 1.0.0) for device interrupts, each hart through its S-mode context as
 * the PLIC's interrupts-extended lists it. */
#include <septum/errno.h>
#include "arch.h"
#include "config.h"
#include "riscv.h"

#define PLIC_DEFAULT_BASE 0x0c000000ul /* QEMU virt's, kept by Septum */
#define PLIC_PRIORITY(src) (4 * (src))
#define PLIC_PENDING(src) (0x1000 + 4 * ((src) / 32))
#define PLIC_ENABLE(ctx, src) (0x2000 + 0x80 * (ctx) + 4 * ((src) / 32))
#define PLIC_THRESHOLD(ctx) (0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx) (0x200004 + 0x1000 * (ctx))
#define PLIC_SOURCES 1024

#define SCAUSE_INTERRUPT (1ul << 63)
#define IRQ_S_SOFT 1
#define IRQ_S_TIMER 5
#define IRQ_S_EXT 9
#define SIE_SSIE (1ul << IRQ_S_SOFT)
#define SIE_STIE (1ul << IRQ_S_TIMER)
#define SIE_SEIE (1ul << IRQ_S_EXT)

#define SBI_IPI_SEND_IPI 0

static uintptr_t plic_base = PLIC_DEFAULT_BASE;

/* Hart id -> S-mode context. Without a device tree: context 2 * hart + 1,
 * QEMU virt's (an M- and an S-mode context per hart). */
static struct {
    uint64_t hart;
    unsigned context;
} contexts[GUEST_MAX_CPUS];
static unsigned context_count;

/* The device interrupt's one hart (routing) and whether it is enabled. */
static uint64_t routed_hart;
static bool device_enabled;
/* irq_device_set_pending() raised the UART's line; claiming lowers it. */
static volatile bool uart_raised;

static volatile uint32_t *plic_reg(uintptr_t offset)
{
    return (volatile uint32_t *)(plic_base + offset);
}

/* The phandle of the interrupt controller inside the cpu node of this hart. */
static uint32_t hart_intc_phandle(const struct fdt *fdt, int cpus, uint64_t *hart, int cpu)
{
    int ac = fdt_address_cells(fdt, cpus);
    uint64_t unused;

    if (fdt_reg(fdt, cpu, ac, 0, 0, hart, &unused))
        return 0;
    for (int n = fdt_first_child(fdt, cpu); n >= 0; n = fdt_next_sibling(fdt, n)) {
        const uint8_t *ph;
        uint32_t len;

        if (!fdt_is_compatible(fdt, n, "riscv,cpu-intc"))
            continue;
        ph = fdt_prop(fdt, n, "phandle", &len);
        return ph && len == 4 ? fdt_read_u32(ph) : 0;
    }
    return 0;
}

void plic_discover(const struct fdt *fdt)
{
    int plic = fdt_find_compatible(fdt, -1, "riscv,plic0");
    int cpus = fdt_find_path(fdt, "/cpus");
    int root = fdt_root(fdt);
    const uint8_t *ext;
    uint64_t base, size;
    uint32_t len;

    if (plic < 0)
        plic = fdt_find_compatible(fdt, -1, "sifive,plic-1.0.0");
    if (plic < 0 || cpus < 0)
        return;
    if (fdt_reg(fdt, plic, fdt_address_cells(fdt, root), fdt_size_cells(fdt, root), 0, &base,
                &size) == 0)
        plic_base = (uintptr_t)base;
    ext = fdt_prop(fdt, plic, "interrupts-extended", &len);
    if (!ext)
        return;
    /* Context k is the k-th <phandle interrupt> pair; the S-mode ones name
     * a hart's controller with interrupt 9 (supervisor external). */
    for (int cpu = fdt_first_child(fdt, cpus); cpu >= 0 && context_count < GUEST_MAX_CPUS;
         cpu = fdt_next_sibling(fdt, cpu)) {
        uint64_t hart;
        uint32_t ph = hart_intc_phandle(fdt, cpus, &hart, cpu);

        for (uint32_t k = 0; ph && 8 * k + 8 <= len; k++) {
            if (fdt_read_u32(ext + 8 * k) == ph && fdt_read_u32(ext + 8 * k + 4) == IRQ_S_EXT) {
                contexts[context_count].hart = hart;
                contexts[context_count++].context = k;
                break;
            }
        }
    }
}

static unsigned context_of(uint64_t hart)
{
    for (unsigned i = 0; i < context_count; i++) {
        if (contexts[i].hart == hart)
            return contexts[i].context;
    }
    return (unsigned)(2 * hart + 1);
}

static void set_enable(unsigned context, unsigned src, bool enable)
{
    volatile uint32_t *reg = plic_reg(PLIC_ENABLE(context, src));
    uint32_t bit = 1u << (src % 32);

    *reg = enable ? *reg | bit : *reg & ~bit;
}

/* Enables src at the routed hart's context only, or at none. The priority
 * is written again last: QEMU 7.2's PLIC re-evaluates the harts' lines on a
 * priority write, not on an enable write (measured: an interrupt enabled
 * while pending waited for the next change of any source's line). */
static void apply_routing(unsigned src)
{
    volatile uint32_t *priority = plic_reg(PLIC_PRIORITY(src));

    unsigned target = context_of(routed_hart);

    if (context_count == 0)
        set_enable(target, src, false);
    for (unsigned i = 0; i < context_count; i++)
        set_enable(contexts[i].context, src, false);
    if (device_enabled)
        set_enable(target, src, true);
    dsb();
    *priority = *priority;
}

int irq_init(void)
{
    return 0;
}

int irq_cpu_init(unsigned cpu)
{
    (void)cpu;
    /* The timer's deadline may be anything (0 at reset): none until armed. */
    timer_irq_stop();
    *plic_reg(PLIC_THRESHOLD(context_of(cpu_hwid()))) = 0;
    dsb();
    csr_set(sie, SIE_SSIE | SIE_STIE | SIE_SEIE);
    return 0;
}

unsigned irq_ack(void)
{
    uint64_t cause = csr_read(scause);
    uint32_t src;

    if (!(cause & SCAUSE_INTERRUPT))
        return IRQ_NONE;
    switch (cause & ~SCAUSE_INTERRUPT) {
    case IRQ_S_SOFT:
        csr_clear(sip, SIE_SSIE);
        return IRQ_IPI;
    case IRQ_S_TIMER:
        return IRQ_TIMER;
    case IRQ_S_EXT:
        src = *plic_reg(PLIC_CLAIM(context_of(cpu_hwid())));
        /* Reads of the interrupted device's state must not pass the claim. */
        dsb();
        if (src == IRQ_UART && uart_raised) {
            uart_raised = false;
            ns16550_tx_irq(false);
        }
        return src;
    default:
        return IRQ_NONE;
    }
}

/* Only a PLIC source has an end (complete); the hart's own interrupts end
 * when their cause is gone (the timer re-armed, sip.SSIP cleared). */
void irq_end(unsigned irq)
{
    if (irq != IRQ_NONE && irq < PLIC_SOURCES) {
        dsb();
        *plic_reg(PLIC_CLAIM(context_of(cpu_hwid()))) = irq;
    }
}

void irq_send_ipi(uint64_t hwid)
{
    /* Memory writes the target will read must be visible before it runs. */
    dmb();
    sbi_call(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1, hwid, 0);
}

/* The PLIC has priorities 1 (least urgent) to 7 here; 0 disables. */
void irq_device_configure(unsigned irq, uint8_t priority)
{
    (void)priority;
    *plic_reg(PLIC_PRIORITY(irq)) = 1;
    dsb();
}

void irq_device_route(unsigned irq, uint64_t hwid)
{
    routed_hart = hwid;
    apply_routing(irq);
}

void irq_device_enable(unsigned irq, bool enable)
{
    device_enabled = enable;
    apply_routing(irq);
}

/* Only the UART's interrupt can be raised without its device doing so:
 * through its transmitter-empty interrupt, which irq_ack() turns off. */
void irq_device_set_pending(unsigned irq, bool pending)
{
    if (irq != IRQ_UART)
        return;
    uart_raised = pending;
    ns16550_tx_irq(pending);
}

bool irq_device_pending(unsigned irq)
{
    return *plic_reg(PLIC_PENDING(irq)) >> (irq % 32) & 1;
}

int irq_device_active(unsigned irq)
{
    (void)irq;
    return -1;
}

/* What the PLIC offers this hart's context: the source pending, enabled
 * there and above its threshold. Not sip.SEIP: QEMU 7.2 reads a guest's
 * sip (vsip) without the hypervisor's hvip.VSEIP, though it takes the
 * interrupt; the PLIC's own registers say the same on any hart. */
bool irq_next_here(unsigned irq)
{
    unsigned context = context_of(cpu_hwid());

    return irq_device_pending(irq) && (*plic_reg(PLIC_ENABLE(context, irq)) >> (irq % 32) & 1) &&
           *plic_reg(PLIC_PRIORITY(irq)) > *plic_reg(PLIC_THRESHOLD(context));
}
