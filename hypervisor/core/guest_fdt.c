/* The device tree a domain boots with: its own memory, console UART, power
 * keys and command line at its architecture's guest layout (arch_guest),
 * the CPUs, interrupt controller and timer the architecture writes; and
 * for a boot-time domain, the devices it was given. */
#include <septum/arch.h>
#include <septum/fdt.h>
#include <septum/format.h>
#include <septum/guest_fdt.h>
#include <septum/vm.h>
#include <septum/vuart.h>
#include <public/septum.h>

#define CLOCK_HZ 24000000

void guest_fdt_reg64(struct fdt_writer *w, uint64_t base, uint64_t size)
{
    uint32_t cells[4] = {(uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32),
                         (uint32_t)size};

    fdt_property_cells(w, "reg", cells, 4);
}

void guest_fdt_strings(struct fdt_writer *w, const char *name, const char *a, const char *b)
{
    char buf[64];
    int la = snprintf(buf, sizeof(buf), "%s", a);
    int lb = snprintf(buf + la + 1, sizeof(buf) - (size_t)la - 1, "%s", b);

    fdt_property(w, name, buf, (uint32_t)(la + lb + 2));
}

/* A fixed clock for the UART and the power keys' PL061 (apb_pclk). */
static void add_clock(struct fdt_writer *w)
{
    fdt_begin_node(w, "apb-pclk");
    fdt_property_string(w, "compatible", "fixed-clock");
    fdt_property_u32(w, "#clock-cells", 0);
    fdt_property_u32(w, "clock-frequency", CLOCK_HZ);
    fdt_property_string(w, "clock-output-names", "clk24mhz");
    fdt_property_u32(w, "phandle", GUEST_PHANDLE_CLOCK);
    fdt_end_node(w);
}

static void uart_path(char *buf, size_t cap)
{
    snprintf(buf, cap, "/%s@%llx", arch_guest.uart_model->node_name,
             (unsigned long long)arch_guest.uart_base);
}

static void add_uart(struct fdt_writer *w, const struct vm *vm)
{
    char path[48];

    uart_path(path, sizeof(path));
    fdt_begin_node(w, path + 1);
    arch_guest.uart_model->fdt_node(w, vm);
    fdt_end_node(w);
}

/* One gpio-keys button on a line of the power-key PL061. */
static void add_key(struct fdt_writer *w, const char *node, const char *label, uint32_t line,
                    uint32_t code)
{
    uint32_t gpios[3] = {GUEST_PHANDLE_GPIO, line, 0 /* active high */};

    fdt_begin_node(w, node);
    fdt_property_string(w, "label", label);
    fdt_property_u32(w, "linux,code", code);
    fdt_property_cells(w, "gpios", gpios, 3);
    fdt_end_node(w);
}

/* The power keys (hypervisor/core/power_keys.c), described as QEMU virt
 * describes its power button, with Ctrl, Alt and Delete beside it: Linux's
 * gpio-pl061 and gpio-keys drivers turn a request to stop into KEY_POWER
 * or Ctrl-Alt-Del. */
static void add_power_keys(struct fdt_writer *w)
{
    uint32_t irq[IRQ_CELLS_MAX];
    char name[32];

    arch_irq_spec(irq, arch_guest.keys_irq, false);
    snprintf(name, sizeof(name), "pl061@%llx", (unsigned long long)arch_guest.keys_base);
    fdt_begin_node(w, name);
    guest_fdt_strings(w, "compatible", "arm,pl061", "arm,primecell");
    guest_fdt_reg64(w, arch_guest.keys_base, SEPTUM_GUEST_GPIO_SIZE);
    fdt_property_cells(w, "interrupts", irq, (int)arch_guest.irq_cells);
    fdt_property(w, "gpio-controller", NULL, 0);
    fdt_property_u32(w, "#gpio-cells", 2);
    fdt_property_u32(w, "clocks", GUEST_PHANDLE_CLOCK);
    fdt_property_string(w, "clock-names", "apb_pclk");
    fdt_property_u32(w, "phandle", GUEST_PHANDLE_GPIO);
    fdt_end_node(w);

    fdt_begin_node(w, "gpio-keys");
    fdt_property_string(w, "compatible", "gpio-keys");
    add_key(w, "poweroff", "GPIO Key Poweroff", SEPTUM_GPIO_KEY_POWER, 116);
    add_key(w, "ctrl", "GPIO Key Ctrl", SEPTUM_GPIO_KEY_CTRL, 29);
    add_key(w, "alt", "GPIO Key Alt", SEPTUM_GPIO_KEY_ALT, 56);
    add_key(w, "delete", "GPIO Key Delete", SEPTUM_GPIO_KEY_DELETE, 111);
    fdt_end_node(w);
}

static void add_chosen(struct fdt_writer *w, const struct vm *vm)
{
    const struct boot_image *b = &vm->boot;
    char stdout_path[48];

    uart_path(stdout_path, sizeof(stdout_path));
    fdt_begin_node(w, "chosen");
    fdt_property_string(w, "bootargs", vm->config.cmdline);
    fdt_property_string(w, "stdout-path", stdout_path);
    if (b->initrd_size) {
        uint32_t start[2] = {(uint32_t)(b->initrd_ipa >> 32), (uint32_t)b->initrd_ipa};
        uint64_t end_ipa = b->initrd_ipa + b->initrd_size;
        uint32_t end[2] = {(uint32_t)(end_ipa >> 32), (uint32_t)end_ipa};

        fdt_property_cells(w, "linux,initrd-start", start, 2);
        fdt_property_cells(w, "linux,initrd-end", end, 2);
    }
    fdt_end_node(w);
}

/* A node per shared-memory region: its doorbell registers then the region
 * as `reg` (UIO's map0 and map1), its doorbell as an edge-triggered line;
 * the same as the toolstack writes. The peer id is the registers' to tell. */
static void add_shm_node(struct fdt_writer *w, const struct shm_port *p, const struct shm_region *r)
{
    uint32_t irq[IRQ_CELLS_MAX];
    uint32_t reg[8] = {(uint32_t)(p->regs_ipa >> 32),
                       (uint32_t)p->regs_ipa,
                       0,
                       0x1000,
                       (uint32_t)(p->ipa >> 32),
                       (uint32_t)p->ipa,
                       (uint32_t)(r->size >> 32),
                       (uint32_t)r->size};
    char name[32];

    arch_irq_spec(irq, p->virq, true);
    snprintf(name, sizeof(name), "shm@%llx", (unsigned long long)p->regs_ipa);
    fdt_begin_node(w, name);
    fdt_property_string(w, "compatible", SEPTUM_SHM_COMPATIBLE);
    fdt_property_cells(w, "reg", reg, 8);
    fdt_property_cells(w, "interrupts", irq, (int)arch_guest.irq_cells);
    fdt_property_string(w, "septum,name", r->name);
    fdt_end_node(w);
}

static void add_shm(struct fdt_writer *w, const struct vm *vm)
{
    for (unsigned i = 0; i < SHM_PORTS_MAX; i++) {
        const struct shm_region *r = vm->shm.port[i].region;

        if (r)
            add_shm_node(w, &vm->shm.port[i], r);
    }
}

/* A property copied from the machine's node as it is, if it has it. */
static void copy_property(struct fdt_writer *w, const struct fdt *host, int node, const char *name)
{
    uint32_t len;
    const void *v = fdt_prop(host, node, name, &len);

    if (v)
        fdt_property(w, name, v, len);
}

/* A passed-through device's node: the machine's, at the same addresses and
 * interrupts (pt_boot.c), its interrupts from the domain's interrupt
 * controller (the machine's specifiers: the same format) and its clocks
 * the domain's fixed clock. What a driver binds with is copied: the
 * compatible strings, clock names and DMA coherency. */
static void add_passthrough(struct fdt_writer *w, const struct fdt *host, int node)
{
    int root = fdt_root(host);
    int ac = fdt_address_cells(host, root), sc = fdt_size_cells(host, root);
    uint32_t len, irqs[12], clocks_len;
    const uint8_t *irq = fdt_prop(host, node, "interrupts", &len);
    const void *clocks = fdt_prop(host, node, "clocks", &clocks_len);
    uint64_t base, size;
    int n = 0;

    fdt_begin_node(w, fdt_node_name(host, node));
    copy_property(w, host, node, "compatible");
    copy_property(w, host, node, "clock-names");
    copy_property(w, host, node, "dma-coherent");
    if (fdt_reg(host, node, ac, sc, 0, &base, &size) == 0)
        guest_fdt_reg64(w, base, size); /* the first range: virtio-mmio's and PL031's only one */
    for (uint32_t off = 0; irq && off + 4 <= len && n < 12; off += 4)
        irqs[n++] = fdt_read_u32(irq + off);
    if (n) {
        fdt_property_cells(w, "interrupts", irqs, n);
        fdt_property_u32(w, "interrupt-parent", GUEST_PHANDLE_INTC);
    }
    if (clocks) {
        uint32_t mine[4] = {GUEST_PHANDLE_CLOCK, GUEST_PHANDLE_CLOCK, GUEST_PHANDLE_CLOCK,
                            GUEST_PHANDLE_CLOCK};

        fdt_property_cells(w, "clocks", mine, clocks_len / 4 < 4 ? (int)clocks_len / 4 : 4);
    }
    fdt_end_node(w);
}

static void add_devices(struct fdt_writer *w, const struct vm *vm)
{
    struct fdt host;
    uint64_t size;
    const void *blob = vm->nr_dt_nodes ? hal_host_fdt(&size) : NULL;

    if (!blob || fdt_open(&host, blob, size))
        return;
    for (unsigned i = 0; i < vm->nr_dt_nodes; i++)
        add_passthrough(w, &host, vm->dt_nodes[i]);
}

/* Tells the guest what it runs on and how to call it (see public/septum.h). */
static void add_hypervisor(struct fdt_writer *w)
{
    fdt_begin_node(w, "hypervisor");
    fdt_property_string(w, "compatible", "septum,hypervisor");
    fdt_property_u32(w, "septum,abi-version", SEPTUM_ABI_VERSION);
    fdt_property_string(w, "method", arch_guest.hypercall_method);
    fdt_end_node(w);
}

int guest_fdt_build(const struct vm *vm, void *buf, size_t cap)
{
    struct fdt_writer w;
    char memory_node[32];

    fdt_writer_init(&w, buf, (uint32_t)cap);
    fdt_begin_node(&w, "");
    fdt_property_u32(&w, "#address-cells", 2);
    fdt_property_u32(&w, "#size-cells", 2);
    fdt_property_string(&w, "compatible", "septum,virt");
    fdt_property_string(&w, "model", "Septum domain");
    fdt_property_u32(&w, "interrupt-parent", GUEST_PHANDLE_INTC);

    add_chosen(&w, vm);

    snprintf(memory_node, sizeof(memory_node), "memory@%llx", (unsigned long long)vm->ram_ipa);
    fdt_begin_node(&w, memory_node);
    fdt_property_string(&w, "device_type", "memory");
    guest_fdt_reg64(&w, vm->ram_ipa, vm->config.mem_size);
    fdt_end_node(&w);

    arch_fdt_cpus(&w, vm);
    arch_fdt_irqchip(&w, vm);
    arch_fdt_timer(&w, vm);
    add_clock(&w);
    add_uart(&w, vm);
    if (!vm->config.control) /* it is never asked to stop: it has none */
        add_power_keys(&w);
    add_shm(&w, vm);
    add_devices(&w, vm);
    add_hypervisor(&w);
    fdt_end_node(&w);
    return fdt_writer_finish(&w);
}
