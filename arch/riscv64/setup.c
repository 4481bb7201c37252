/* Boot: the boot hart probes the machine, sets up memory, starts the other
 * harts through SBI HSM, starts the boot-time domains and joins the pCPU
 * loop. */
#include <septum/boot_domains.h>
#include <septum/console.h>
#include <septum/fdt.h>
#include <septum/guest_ram.h>
#include <septum/log.h>
#include <septum/vm.h>
#include <arch/csr.h>
#include <arch/irq.h>
#include <arch/memory.h>
#include <arch/pcpu.h>
#include <arch/platform.h>
#include <arch/plic.h>
#include <arch/sbi.h>
#include <arch/uart.h>
#include <arch/vcpu.h>
#include <arch/vtimer.h>

#define HEAP_SIZE (8ull << 20)
#define MIB (1ull << 20)
#define HSTATUS_VSXL_64 (2ul << 32)

extern char __image_start[], __image_end[];
extern char secondary_entry[];

struct pcpu pcpus[MAX_PCPUS];

/* HS controls that stay the same while any guest runs on this hart. The
 * guest handles its own page faults, breakpoints, misaligned accesses,
 * illegal instructions and its user mode's ecalls, and takes its own VS
 * interrupts; the rest comes here. */
static void hs_init(void)
{
    csr_write(CSR_HEDELEG, 1ul << EXC_INSN_MISALIGNED | 1ul << EXC_ILLEGAL_INSN |
                               1ul << EXC_BREAKPOINT | 1ul << EXC_LOAD_MISALIGNED |
                               1ul << EXC_STORE_MISALIGNED | 1ul << EXC_ECALL_U |
                               1ul << EXC_INSN_PAGE_FAULT | 1ul << EXC_LOAD_PAGE_FAULT |
                               1ul << EXC_STORE_PAGE_FAULT);
    csr_write(CSR_HIDELEG, 1ul << IRQ_VS_SOFT | 1ul << IRQ_VS_TIMER | 1ul << IRQ_VS_EXT);
    csr_write(CSR_HSTATUS, HSTATUS_VSXL_64);
    csr_write(CSR_HCOUNTEREN, 0x7); /* cycle, time, instret */
    csr_write(CSR_HVIP, 0);
    csr_write(CSR_HGATP, 0);
    /* A guest's floating point needs FS on in HS too; the hypervisor
     * itself is built without it (the guest's state stays in the hart). */
    csr_set(CSR_SSTATUS, 1ul << 13);
}

static void pcpu_init(unsigned id)
{
    struct pcpu *p = &pcpus[id];

    p->id = id;
    p->hartid = platform.hartid[id];
    __asm__ volatile("mv tp, %0" ::"r"(p));
    hs_init();
    vtimer_init_cpu();
    irq_init_cpu();
    atomic_store(&p->online, 1);
}

/* The heap just above the image (OpenSBI owns RAM below it); guest RAM:
 * everything above but the DTB and the boot modules. */
static void memory_init(const struct fdt *fdt, const void *dtb)
{
    uint64_t image_end = (uintptr_t)__image_end;
    uint64_t ram_end = platform.ram_base + platform.ram_size;

    range_pool_init(&hyp_heap);
    range_pool_add(&hyp_heap, image_end, HEAP_SIZE, true);
    range_pool_add(guest_ram_pool(), image_end + HEAP_SIZE, ram_end - image_end - HEAP_SIZE, true);
    range_pool_reserve(guest_ram_pool(), (uintptr_t)dtb & ~0xfffull,
                       fdt_total_size(dtb) + ((uintptr_t)dtb & 0xfff));
    boot_modules_reserve(fdt, guest_ram_pool());
}

static void start_secondaries(void)
{
    for (unsigned i = 1; i < platform.nr_cpus; i++) {
        long err = sbi_hart_start(platform.hartid[i], (uintptr_t)secondary_entry, i);

        if (err) {
            log_printf("pCPU %u (hart %lu): SBI hart_start failed (%ld)", i, platform.hartid[i],
                       err);
            continue;
        }
        while (!atomic_load(&pcpus[i].online))
            ;
    }
}

void boot_primary(unsigned long hartid, const void *dtb)
{
    uint64_t entered_ns;
    struct fdt fdt;

    if (platform_probe(dtb, hartid) || fdt_open(&fdt, dtb, 2u << 20)) {
        for (;;)
            wfi(); /* no console to say so */
    }
    pcpu_init(0);
    entered_ns = hal_time_ns();
    log_printf("Septum hypervisor (riscv64), %u pCPUs, %llu MiB RAM at 0x%llx, %s timer",
               platform.nr_cpus, (unsigned long long)(platform.ram_size / MIB),
               (unsigned long long)platform.ram_base, vtimer_has_sstc() ? "Sstc" : "SBI");
    memory_init(&fdt, dtb);
    start_secondaries();
    log_printf("%u pCPUs online; %llu MiB free for domains", platform.nr_cpus,
               (unsigned long long)(guest_ram_free_bytes() / MIB));
    if (boot_domains_start(&fdt) == 0) {
        log_printf("no domain to run: powering off");
        hal_system_off();
    }
    log_printf("boot: entered at %llu us, domains started at %llu us",
               (unsigned long long)(entered_ns / 1000), (unsigned long long)(hal_time_ns() / 1000));
    vm_boot_complete();
    console_focus_default();
    if (platform.uart_irq) {
        plic_enable(platform.uart_irq);
        uart_enable_rx_irq();
    }
    pcpu_loop(&pcpus[0]);
}

void boot_secondary(unsigned id)
{
    pcpu_init(id);
    pcpu_loop(&pcpus[id]);
}
