/* Boot: the first pCPU probes the machine, sets up memory and the GIC, wakes
 * the other pCPUs, starts the boot-time domains and joins the pCPU loop. */
#include <septum/boot_domains.h>
#include <septum/console.h>
#include <septum/fdt.h>
#include <septum/guest_ram.h>
#include <septum/log.h>
#include <septum/string.h>
#include <septum/vm.h>
#include <arch/gic.h>
#include <arch/memory.h>
#include <arch/mmu.h>
#include <arch/pcpu.h>
#include <arch/platform.h>
#include <arch/psci.h>
#include <arch/sysreg.h>
#include <arch/uart.h>
#include <arch/vcpu.h>

#define HEAP_SIZE (8ull << 20)
#define MIB (1ull << 20)

extern char __image_start[], __image_end[];
extern char secondary_entry[];

struct pcpu pcpus[MAX_PCPUS];

/* EL2 controls that stay the same while any guest runs on this pCPU. */
static void el2_init(void)
{
    uint64_t cptr = CPTR_EL2_VALUE;

    /* Without SME, CPTR_EL2 bit 12 is RES1. */
    if (((read_sysreg(id_aa64pfr1_el1) >> 24) & 0xf) == 0)
        cptr |= 1ull << 12;
    uint64_t mdcr = (read_sysreg(pmcr_el0) >> 11) & 0x1f; /* HPMN: guests own all counters */
    unsigned pmu_version = (unsigned)((read_sysreg(id_aa64dfr0_el1) >> 8) & 0xf);

    /* From PMUv3 for Armv8.1 on, keep guests' counters from counting EL2. */
    if (pmu_version >= 4 && pmu_version != 0xf)
        mdcr |= 1ull << 17; /* HPMD */
    write_sysreg(hcr_el2, HCR_RW);
    write_sysreg(cptr_el2, cptr);
    write_sysreg(mdcr_el2, mdcr);
    write_sysreg(cnthctl_el2, 3); /* EL1 may use the physical counter and timer */
    write_sysreg(vtcr_el2, VTCR_EL2_VALUE);
    isb();
}

static void pcpu_init(unsigned id)
{
    struct pcpu *p = &pcpus[id];

    p->id = id;
    p->mpidr = platform.mpidr[id];
    write_sysreg(tpidr_el2, (uint64_t)(uintptr_t)p);
    mmu_enable();
    el2_init();
    if (gic_init_cpu(p))
        log_printf("pCPU %u: no redistributor for MPIDR 0x%llx", id, (unsigned long long)p->mpidr);
    atomic_store(&p->online, 1);
}

/* Set at every boot, kept across a warm reset: a reset (QEMU's as a
 * board's) leaves RAM as it was, so finding it set means RAM may hold the
 * domains of a previous boot. Neither loaded from the image nor cleared
 * with .bss (septum.ld). */
static uint64_t boot_marker __attribute__((section(".noinit")));
#define BOOT_MARKER 0x21214d5554504553ull /* "SEPTUM!!" */

/* Whether memory never used since boot is known to be zero: the boot
 * loader says RAM came zeroed from power-on but for what it loaded
 * (septum,ram-zeroed in /chosen: QEMU's RAM does), and this is the first
 * boot since power-on. Otherwise all of it is zeroed when handed out. */
static bool ram_zeroed(const struct fdt *fdt)
{
    bool warm = boot_marker == BOOT_MARKER;
    int chosen = fdt_find_path(fdt, "/chosen");
    uint32_t len;
    bool said = chosen >= 0 && fdt_prop(fdt, chosen, "septum,ram-zeroed", &len);

    boot_marker = BOOT_MARKER;
    hal_sync_for_guest(hal_virt_to_phys(&boot_marker),
                       sizeof(boot_marker)); /* to RAM, past caches */
    if (said)
        log_printf(warm ? "warm reset: free memory is zeroed when handed out"
                        : "cold boot: free memory is known zero (septum,ram-zeroed)");
    return said && !warm;
}

static void memory_init(const struct fdt *fdt, const void *dtb)
{
    uint64_t image_start = (uintptr_t)__image_start, image_end = (uintptr_t)__image_end;
    uint64_t ram_end = platform.ram_base + platform.ram_size;
    bool dirty = !ram_zeroed(fdt);

    /* The heap: below the image (QEMU leaves RAM base..image free) and just
     * above it; guest RAM: everything else but boot modules and the DTB. */
    range_pool_init(&hyp_heap);
    range_pool_add(&hyp_heap, platform.ram_base, image_start - platform.ram_base, true);
    range_pool_add(&hyp_heap, image_end, HEAP_SIZE, true);
    range_pool_add(guest_ram_pool(), image_end + HEAP_SIZE, ram_end - image_end - HEAP_SIZE, dirty);
    range_pool_reserve(guest_ram_pool(), (uintptr_t)dtb & ~0xfffull,
                       fdt_total_size(dtb) + ((uintptr_t)dtb & 0xfff));
    boot_modules_reserve(fdt, guest_ram_pool());
}

static void start_secondaries(void)
{
    for (unsigned i = 1; i < platform.nr_cpus; i++) {
        int64_t err = psci_cpu_on(platform.mpidr[i], (uintptr_t)secondary_entry, i);

        if (err) {
            log_printf("pCPU %u: PSCI CPU_ON failed (%lld)", i, (long long)err);
            continue;
        }
        while (!atomic_load(&pcpus[i].online))
            wfe();
    }
}

void boot_primary(const void *dtb)
{
    uint64_t entered_ns = hal_time_ns();
    struct fdt fdt;

    if (platform_probe(dtb) || fdt_open(&fdt, dtb, 2u << 20)) {
        for (;;)
            wfe(); /* no console to say so */
    }
    mmu_build(platform.ram_base, platform.ram_size);
    pcpu_init(0);
    log_printf("Septum hypervisor, %u pCPUs, %llu MiB RAM at 0x%llx", platform.nr_cpus,
               (unsigned long long)(platform.ram_size / MIB),
               (unsigned long long)platform.ram_base);
    memory_init(&fdt, dtb);
    gic_init_distributor();
    start_secondaries();
    log_printf("%u pCPUs online; %llu MiB free for domains", platform.nr_cpus,
               (unsigned long long)(guest_ram_free_bytes() / MIB));
    if (boot_domains_start(&fdt) == 0) {
        log_printf("no domain to run: powering off");
        hal_system_off();
    }
    /* Counter time since power-on: virtual time under -icount, a phase of
     * the boot figure in make bench. */
    log_printf("boot: entered at %llu us, domains started at %llu us",
               (unsigned long long)(entered_ns / 1000), (unsigned long long)(hal_time_ns() / 1000));
    vm_boot_complete();
    console_focus_default();
    if (platform.uart_intid) {
        gic_enable_spi(platform.uart_intid, platform.mpidr[0]);
        uart_enable_rx_irq();
    }
    pcpu_loop(&pcpus[0]);
}

void boot_secondary(unsigned id)
{
    pcpu_init(id);
    sev();
    pcpu_loop(&pcpus[id]);
}

void hyp_fault(uint64_t esr, uint64_t elr, uint64_t far)
{
    log_printf("hypervisor fault on pCPU %u: ESR 0x%llx ELR 0x%llx FAR 0x%llx", hal_current_pcpu(),
               (unsigned long long)esr, (unsigned long long)elr, (unsigned long long)far);
}
