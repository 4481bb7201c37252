/* Boot: the first pCPU probes the machine, sets up memory and the interrupt
 * controller, wakes the other pCPUs, starts the boot-time domains and joins
 * the pCPU loop (septum/boot.h). */
#include <septum/arch.h>
#include <septum/boot.h>
#include <septum/boot_domains.h>
#include <septum/console.h>
#include <septum/fdt.h>
#include <septum/guest_ram.h>
#include <septum/hal.h>
#include <septum/heap.h>
#include <septum/log.h>
#include <septum/platform.h>
#include <septum/ranges.h>
#include <septum/uart.h>
#include <septum/vm.h>

#define HEAP_SIZE (8ull << 20)
#define MIB (1ull << 20)

/* The hypervisor image's extent (its linker script). */
extern char __image_start[], __image_end[];

/* Set at every boot, kept across a warm reset: a reset (QEMU's as a
 * board's) leaves RAM as it was, so finding it set means RAM may hold the
 * domains of a previous boot. Neither loaded from the image nor cleared
 * with .bss (the linker script's .noinit). */
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

    /* The heap: below the image (the boot loader leaves RAM base..image
     * free) and just above it; guest RAM: everything else but boot modules
     * and the DTB. */
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
    /* One that fails says why and stays off. */
    for (unsigned i = 1; i < platform.nr_cpus; i++)
        arch_pcpu_start(i);
}

void boot_primary(const void *dtb)
{
    uint64_t entered_ns = hal_time_ns();
    struct fdt fdt;

    if (platform_probe(dtb, &fdt) || arch_platform_probe(&fdt))
        arch_halt(); /* no console to say so */
    arch_mmu_init();
    arch_pcpu_init(0);
    log_printf("Septum hypervisor, %u pCPUs, %llu MiB RAM at 0x%llx", platform.nr_cpus,
               (unsigned long long)(platform.ram_size / MIB),
               (unsigned long long)platform.ram_base);
    memory_init(&fdt, dtb);
    arch_irqchip_init();
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
    if (platform.uart_irq) {
        arch_host_irq_enable(platform.uart_irq);
        uart_enable_rx_irq();
    }
    pcpu_loop();
}

void boot_secondary(unsigned id)
{
    arch_pcpu_init(id);
    pcpu_loop();
}
