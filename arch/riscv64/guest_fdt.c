/* The device tree a domain boots with: its memory, harts (each with its
 * interrupt controller), PLIC and ns16550a UART at QEMU virt's addresses,
 * and its command line. */
#include <septum/arch.h>
#include <septum/fdt.h>
#include <septum/format.h>
#include <septum/vm.h>
#include <public/septum.h>
#include <arch/platform.h>

#define GUEST_PLIC_BASE 0x0c000000ull
#define GUEST_PLIC_SIZE 0x4000000ull
#define GUEST_PLIC_NDEV 63
#define GUEST_UART16550_BASE 0x10000000ull
#define GUEST_UART16550_SIZE 0x100ull
#define GUEST_UART16550_IRQ 10
#define UART_CLOCK_HZ 3686400
#define PHANDLE_PLIC 1
#define PHANDLE_INTC(i) (2 + (i))

static void reg64(struct fdt_writer *w, uint64_t base, uint64_t size)
{
    uint32_t cells[4] = {(uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32),
                         (uint32_t)size};

    fdt_property_cells(w, "reg", cells, 4);
}

static void string_list(struct fdt_writer *w, const char *name, const char *a, const char *b)
{
    char buf[64];
    int la = snprintf(buf, sizeof(buf), "%s", a);
    int lb = snprintf(buf + la + 1, sizeof(buf) - (size_t)la - 1, "%s", b);

    fdt_property(w, name, buf, (uint32_t)(la + lb + 2));
}

static void add_cpus(struct fdt_writer *w, const struct vm *vm)
{
    char name[24];

    fdt_begin_node(w, "cpus");
    fdt_property_u32(w, "#address-cells", 1);
    fdt_property_u32(w, "#size-cells", 0);
    fdt_property_u32(w, "timebase-frequency", (uint32_t)platform.timebase_hz);
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        snprintf(name, sizeof(name), "cpu@%u", i);
        fdt_begin_node(w, name);
        fdt_property_string(w, "device_type", "cpu");
        fdt_property_string(w, "compatible", "riscv");
        fdt_property_u32(w, "reg", i);
        fdt_property_string(w, "status", "okay");
        fdt_property_string(w, "riscv,isa", "rv64imafdc");
        fdt_property_string(w, "mmu-type", "riscv,sv39");
        fdt_begin_node(w, "interrupt-controller");
        fdt_property_u32(w, "#interrupt-cells", 1);
        fdt_property(w, "interrupt-controller", NULL, 0);
        fdt_property_string(w, "compatible", "riscv,cpu-intc");
        fdt_property_u32(w, "phandle", PHANDLE_INTC(i));
        fdt_end_node(w);
        fdt_end_node(w);
    }
    fdt_end_node(w);
}

/* One S-mode context per vCPU: context i is vCPU i's external interrupt. */
static void add_plic(struct fdt_writer *w, const struct vm *vm)
{
    uint32_t contexts[2 * MAX_VCPUS];

    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        contexts[2 * i] = PHANDLE_INTC(i);
        contexts[2 * i + 1] = 9; /* supervisor external interrupt */
    }
    fdt_begin_node(w, "plic@c000000");
    string_list(w, "compatible", "sifive,plic-1.0.0", "riscv,plic0");
    reg64(w, GUEST_PLIC_BASE, GUEST_PLIC_SIZE);
    fdt_property_u32(w, "#address-cells", 0);
    fdt_property_u32(w, "#interrupt-cells", 1);
    fdt_property(w, "interrupt-controller", NULL, 0);
    fdt_property_u32(w, "riscv,ndev", GUEST_PLIC_NDEV);
    fdt_property_cells(w, "interrupts-extended", contexts, (int)(2 * vm->config.nr_vcpus));
    fdt_property_u32(w, "phandle", PHANDLE_PLIC);
    fdt_end_node(w);
}

static void add_uart(struct fdt_writer *w)
{
    fdt_begin_node(w, "serial@10000000");
    fdt_property_string(w, "compatible", "ns16550a");
    reg64(w, GUEST_UART16550_BASE, GUEST_UART16550_SIZE);
    fdt_property_u32(w, "clock-frequency", UART_CLOCK_HZ);
    fdt_property_u32(w, "reg-shift", 0);
    fdt_property_u32(w, "reg-io-width", 1);
    fdt_property_u32(w, "interrupts", GUEST_UART16550_IRQ);
    fdt_property_u32(w, "interrupt-parent", PHANDLE_PLIC);
    fdt_end_node(w);
}

static void add_chosen(struct fdt_writer *w, const struct vm *vm)
{
    const struct boot_image *b = &vm->boot;

    fdt_begin_node(w, "chosen");
    fdt_property_string(w, "bootargs", vm->config.cmdline);
    fdt_property_string(w, "stdout-path", "/soc/serial@10000000");
    if (b->initrd_size) {
        uint32_t start[2] = {(uint32_t)(b->initrd_ipa >> 32), (uint32_t)b->initrd_ipa};
        uint64_t end_ipa = b->initrd_ipa + b->initrd_size;
        uint32_t end[2] = {(uint32_t)(end_ipa >> 32), (uint32_t)end_ipa};

        fdt_property_cells(w, "linux,initrd-start", start, 2);
        fdt_property_cells(w, "linux,initrd-end", end, 2);
    }
    fdt_end_node(w);
}

int arch_build_guest_dtb(const struct vm *vm, void *buf, size_t cap)
{
    struct fdt_writer w;
    char memory_node[32];

    fdt_writer_init(&w, buf, (uint32_t)cap);
    fdt_begin_node(&w, "");
    fdt_property_u32(&w, "#address-cells", 2);
    fdt_property_u32(&w, "#size-cells", 2);
    fdt_property_string(&w, "compatible", "septum,virt");
    fdt_property_string(&w, "model", "Septum domain");
    add_chosen(&w, vm);
    snprintf(memory_node, sizeof(memory_node), "memory@%llx", (unsigned long long)vm->ram_ipa);
    fdt_begin_node(&w, memory_node);
    fdt_property_string(&w, "device_type", "memory");
    reg64(&w, vm->ram_ipa, vm->config.mem_size);
    fdt_end_node(&w);
    add_cpus(&w, vm);
    fdt_begin_node(&w, "soc");
    fdt_property_u32(&w, "#address-cells", 2);
    fdt_property_u32(&w, "#size-cells", 2);
    fdt_property_string(&w, "compatible", "simple-bus");
    fdt_property(&w, "ranges", NULL, 0);
    add_plic(&w, vm);
    add_uart(&w);
    fdt_end_node(&w);
    fdt_begin_node(&w, "hypervisor");
    fdt_property_string(&w, "compatible", "septum,hypervisor");
    fdt_property_u32(&w, "septum,abi-version", SEPTUM_ABI_VERSION);
    fdt_property_string(&w, "method", "sbi");
    fdt_end_node(&w);
    fdt_end_node(&w);
    return fdt_writer_finish(&w);
}
