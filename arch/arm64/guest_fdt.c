/* The device tree a domain boots with: its own memory, vCPUs, PSCI, virtual
 * GICv3, timer and PL011, and its command line, at QEMU virt's addresses;
 * and for a boot-time domain, the devices it was given. */
#include <septum/arch.h>
#include <septum/fdt.h>
#include <septum/format.h>
#include <septum/vm.h>
#include <public/septum.h>

#define PHANDLE_GIC 1
#define PHANDLE_CLOCK 2
#define PHANDLE_GPIO 3
#define GIC_PPI 1
#define GIC_SPI 0
#define IRQ_EDGE_RISING 1
#define IRQ_LEVEL_HIGH 4
#define UART_CLOCK_HZ 24000000

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
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        snprintf(name, sizeof(name), "cpu@%u", i);
        fdt_begin_node(w, name);
        fdt_property_string(w, "device_type", "cpu");
        fdt_property_string(w, "compatible", "arm,armv8");
        fdt_property_u32(w, "reg", (uint32_t)(vm->vcpus[i].arch.vmpidr & 0xffffff));
        fdt_property_string(w, "enable-method", "psci");
        fdt_end_node(w);
    }
    fdt_end_node(w);
}

static void add_gic_and_timer(struct fdt_writer *w, const struct vm *vm)
{
    uint32_t gic_reg[8] = {
        0, (uint32_t)GUEST_GICD_BASE, 0, (uint32_t)GUEST_GICD_SIZE,
        0, (uint32_t)GUEST_GICR_BASE, 0, (uint32_t)(GUEST_GICR_STRIDE * vm->config.nr_vcpus)};
    /* Secure, non-secure physical, virtual and hypervisor timer PPIs. */
    uint32_t timer_irqs[12] = {GIC_PPI, 13, IRQ_LEVEL_HIGH, GIC_PPI, 14, IRQ_LEVEL_HIGH,
                               GIC_PPI, 11, IRQ_LEVEL_HIGH, GIC_PPI, 10, IRQ_LEVEL_HIGH};

    fdt_begin_node(w, "interrupt-controller@8000000");
    fdt_property_string(w, "compatible", "arm,gic-v3");
    fdt_property_u32(w, "#interrupt-cells", 3);
    fdt_property(w, "interrupt-controller", NULL, 0);
    fdt_property_u32(w, "#redistributor-regions", 1);
    fdt_property_cells(w, "reg", gic_reg, 8);
    fdt_property_u32(w, "phandle", PHANDLE_GIC);
    fdt_end_node(w);

    fdt_begin_node(w, "timer");
    fdt_property_string(w, "compatible", "arm,armv8-timer");
    fdt_property_cells(w, "interrupts", timer_irqs, 12);
    fdt_property(w, "always-on", NULL, 0);
    fdt_end_node(w);
}

static void add_uart(struct fdt_writer *w)
{
    uint32_t irq[3] = {GIC_SPI, GUEST_UART_SPI, IRQ_LEVEL_HIGH};
    uint32_t clocks[2] = {PHANDLE_CLOCK, PHANDLE_CLOCK};

    fdt_begin_node(w, "apb-pclk");
    fdt_property_string(w, "compatible", "fixed-clock");
    fdt_property_u32(w, "#clock-cells", 0);
    fdt_property_u32(w, "clock-frequency", UART_CLOCK_HZ);
    fdt_property_string(w, "clock-output-names", "clk24mhz");
    fdt_property_u32(w, "phandle", PHANDLE_CLOCK);
    fdt_end_node(w);

    fdt_begin_node(w, "pl011@9000000");
    string_list(w, "compatible", "arm,pl011", "arm,primecell");
    reg64(w, GUEST_UART_BASE, GUEST_UART_SIZE);
    fdt_property_cells(w, "interrupts", irq, 3);
    fdt_property_cells(w, "clocks", clocks, 2);
    string_list(w, "clock-names", "uartclk", "apb_pclk");
    fdt_end_node(w);
}

/* One gpio-keys button on a line of the power-key PL061. */
static void add_key(struct fdt_writer *w, const char *node, const char *label, uint32_t line,
                    uint32_t code)
{
    uint32_t gpios[3] = {PHANDLE_GPIO, line, 0 /* active high */};

    fdt_begin_node(w, node);
    fdt_property_string(w, "label", label);
    fdt_property_u32(w, "linux,code", code);
    fdt_property_cells(w, "gpios", gpios, 3);
    fdt_end_node(w);
}

/* The power keys (hypervisor/core/power_keys.c), described as QEMU virt
 * describes its power button, with Ctrl, Alt and Delete beside it: Linux's
 * gpio-pl061 and gpio-keys drivers turn a request to stop into KEY_POWER
 * or Ctrl-Alt-Del. After add_uart(): it uses its clock. */
static void add_power_keys(struct fdt_writer *w)
{
    uint32_t irq[3] = {GIC_SPI, SEPTUM_GUEST_GPIO_SPI, IRQ_LEVEL_HIGH};

    fdt_begin_node(w, "pl061@9030000");
    string_list(w, "compatible", "arm,pl061", "arm,primecell");
    reg64(w, SEPTUM_GUEST_GPIO_BASE, SEPTUM_GUEST_GPIO_SIZE);
    fdt_property_cells(w, "interrupts", irq, 3);
    fdt_property(w, "gpio-controller", NULL, 0);
    fdt_property_u32(w, "#gpio-cells", 2);
    fdt_property_u32(w, "clocks", PHANDLE_CLOCK);
    fdt_property_string(w, "clock-names", "apb_pclk");
    fdt_property_u32(w, "phandle", PHANDLE_GPIO);
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

    fdt_begin_node(w, "chosen");
    fdt_property_string(w, "bootargs", vm->config.cmdline);
    fdt_property_string(w, "stdout-path", "/pl011@9000000");
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
 * as `reg` (UIO's map0 and map1), its doorbell as an edge SPI; the same as
 * the toolstack writes. The peer id is the registers' to tell. */
static void add_shm_node(struct fdt_writer *w, const struct shm_port *p, const struct shm_region *r)
{
    uint32_t irq[3] = {GIC_SPI, p->virq - 32, IRQ_EDGE_RISING};
    uint32_t reg[8] = {(uint32_t)(p->regs_ipa >> 32),
                       (uint32_t)p->regs_ipa,
                       0,
                       0x1000,
                       (uint32_t)(p->ipa >> 32),
                       (uint32_t)p->ipa,
                       (uint32_t)(r->size >> 32),
                       (uint32_t)r->size};
    char name[32];

    snprintf(name, sizeof(name), "shm@%llx", (unsigned long long)p->regs_ipa);
    fdt_begin_node(w, name);
    fdt_property_string(w, "compatible", SEPTUM_SHM_COMPATIBLE);
    fdt_property_cells(w, "reg", reg, 8);
    fdt_property_cells(w, "interrupts", irq, 3);
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
 * INTIDs (pt_boot.c), its interrupts from the domain's GIC and its clocks
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
        reg64(w, base, size); /* the first range: virtio-mmio's and PL031's only one */
    for (uint32_t off = 0; irq && off + 4 <= len && n < 12; off += 4)
        irqs[n++] = fdt_read_u32(irq + off);
    if (n) {
        fdt_property_cells(w, "interrupts", irqs, n);
        fdt_property_u32(w, "interrupt-parent", PHANDLE_GIC);
    }
    if (clocks) {
        uint32_t mine[4] = {PHANDLE_CLOCK, PHANDLE_CLOCK, PHANDLE_CLOCK, PHANDLE_CLOCK};

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
    fdt_property_string(w, "method", "hvc");
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
    fdt_property_u32(&w, "interrupt-parent", PHANDLE_GIC);

    add_chosen(&w, vm);

    snprintf(memory_node, sizeof(memory_node), "memory@%llx", (unsigned long long)vm->ram_ipa);
    fdt_begin_node(&w, memory_node);
    fdt_property_string(&w, "device_type", "memory");
    reg64(&w, vm->ram_ipa, vm->config.mem_size);
    fdt_end_node(&w);

    add_cpus(&w, vm);

    fdt_begin_node(&w, "psci");
    string_list(&w, "compatible", "arm,psci-1.0", "arm,psci-0.2");
    fdt_property_string(&w, "method", "hvc");
    fdt_end_node(&w);

    add_gic_and_timer(&w, vm);
    add_uart(&w);
    if (!vm->config.control) /* it is never asked to stop: it has none */
        add_power_keys(&w);
    add_shm(&w, vm);
    add_devices(&w, vm);
    add_hypervisor(&w);
    fdt_end_node(&w);
    return fdt_writer_finish(&w);
}
