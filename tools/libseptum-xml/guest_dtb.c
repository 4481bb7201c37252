/* Guest device trees with libfdt. The layout is QEMU virt's, which the
 * hypervisor emulates for every domain but dom0 (README, "What a guest
 * must do to run"); the node names and properties follow the hypervisor's
 * own generator, so that a guest sees the same machine either way. */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "guest_dtb.h"
#include "public/septum.h"

#define GICD_BASE SEPTUM_GUEST_GICD_BASE
#define GICD_SIZE SEPTUM_GUEST_GICD_SIZE
#define GICR_BASE SEPTUM_GUEST_GICR_BASE
#define GICR_STRIDE SEPTUM_GUEST_GICR_STRIDE /* one redistributor per vCPU */
#define UART_BASE SEPTUM_GUEST_UART_BASE
#define UART_SIZE SEPTUM_GUEST_UART_SIZE
#define UART_SPI SEPTUM_GUEST_UART_SPI
#define UART_CLOCK_HZ 24000000u
#define PHANDLE_GIC 1u
#define PHANDLE_CLOCK 2u
#define PHANDLE_GPIO 3u
#define GIC_SPI 0u
#define GIC_PPI 1u
#define IRQ_EDGE_RISING 1u
#define IRQ_LEVEL_HIGH 4u

/* Every call of the sequential writer can fail only for want of room. */
struct writer {
    void *fdt;
    int err;
};

static void check(struct writer *w, int rc)
{
    if (rc < 0 && !w->err)
        w->err = rc;
}

static void cells(struct writer *w, const char *name, const uint32_t *v, size_t n)
{
    fdt32_t be[12];

    for (size_t i = 0; i < n; i++)
        be[i] = cpu_to_fdt32(v[i]);
    check(w, fdt_property(w->fdt, name, be, (int)(n * sizeof(be[0]))));
}

static void u32(struct writer *w, const char *name, uint32_t v)
{
    check(w, fdt_property_u32(w->fdt, name, v));
}

static void string(struct writer *w, const char *name, const char *v)
{
    check(w, fdt_property_string(w->fdt, name, v));
}

/* A property of two strings ("a\0b\0"). */
static void strings(struct writer *w, const char *name, const char *a, const char *b)
{
    char buf[64];
    int len = snprintf(buf, sizeof(buf), "%s%c%s", a, '\0', b);

    check(w, fdt_property(w->fdt, name, buf, len + 1));
}

static void begin(struct writer *w, const char *name)
{
    check(w, fdt_begin_node(w->fdt, name));
}

static void end(struct writer *w)
{
    check(w, fdt_end_node(w->fdt));
}

static void reg64(struct writer *w, uint64_t base, uint64_t size)
{
    uint32_t v[4] = {(uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32),
                     (uint32_t)size};

    cells(w, "reg", v, 4);
}

static void add_chosen(struct writer *w, const struct guest_dtb_params *p)
{
    begin(w, "chosen");
    string(w, "bootargs", p->cmdline ? p->cmdline : "");
    string(w, "stdout-path", "/pl011@9000000");
    if (p->initrd_size) {
        uint64_t end_ipa = p->initrd_start + p->initrd_size;

        check(w, fdt_property_u64(w->fdt, "linux,initrd-start", p->initrd_start));
        check(w, fdt_property_u64(w->fdt, "linux,initrd-end", end_ipa));
    }
    end(w);
}

static void add_memory(struct writer *w, const struct guest_dtb_params *p)
{
    char name[32];

    snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)p->mem_base);
    begin(w, name);
    string(w, "device_type", "memory");
    reg64(w, p->mem_base, p->mem_size);
    end(w);
}

/* vCPU n's MPIDR has Aff0 = n: that is its reg. */
static void add_cpus(struct writer *w, const struct guest_dtb_params *p)
{
    char name[24];

    begin(w, "cpus");
    u32(w, "#address-cells", 1);
    u32(w, "#size-cells", 0);
    for (uint32_t i = 0; i < p->nr_vcpus; i++) {
        snprintf(name, sizeof(name), "cpu@%u", i);
        begin(w, name);
        string(w, "device_type", "cpu");
        string(w, "compatible", "arm,armv8");
        u32(w, "reg", i);
        string(w, "enable-method", "psci");
        end(w);
    }
    end(w);
    begin(w, "psci");
    strings(w, "compatible", "arm,psci-1.0", "arm,psci-0.2");
    string(w, "method", "hvc");
    end(w);
}

static void add_gic_and_timer(struct writer *w, const struct guest_dtb_params *p)
{
    uint32_t gic_reg[8] = {0, GICD_BASE, 0, GICD_SIZE, 0, GICR_BASE, 0, GICR_STRIDE * p->nr_vcpus};
    /* Secure, non-secure physical, virtual and hypervisor timer PPIs. */
    uint32_t timer_irqs[12] = {GIC_PPI, 13, IRQ_LEVEL_HIGH, GIC_PPI, 14, IRQ_LEVEL_HIGH,
                               GIC_PPI, 11, IRQ_LEVEL_HIGH, GIC_PPI, 10, IRQ_LEVEL_HIGH};

    begin(w, "interrupt-controller@8000000");
    string(w, "compatible", "arm,gic-v3");
    u32(w, "#interrupt-cells", 3);
    check(w, fdt_property(w->fdt, "interrupt-controller", NULL, 0));
    u32(w, "#redistributor-regions", 1);
    cells(w, "reg", gic_reg, 8);
    u32(w, "phandle", PHANDLE_GIC);
    end(w);

    begin(w, "timer");
    string(w, "compatible", "arm,armv8-timer");
    cells(w, "interrupts", timer_irqs, 12);
    check(w, fdt_property(w->fdt, "always-on", NULL, 0));
    end(w);
}

static void add_uart(struct writer *w)
{
    uint32_t irq[3] = {GIC_SPI, UART_SPI, IRQ_LEVEL_HIGH};
    uint32_t clocks[2] = {PHANDLE_CLOCK, PHANDLE_CLOCK};

    begin(w, "apb-pclk");
    string(w, "compatible", "fixed-clock");
    u32(w, "#clock-cells", 0);
    u32(w, "clock-frequency", UART_CLOCK_HZ);
    string(w, "clock-output-names", "clk24mhz");
    u32(w, "phandle", PHANDLE_CLOCK);
    end(w);

    begin(w, "pl011@9000000");
    strings(w, "compatible", "arm,pl011", "arm,primecell");
    reg64(w, UART_BASE, UART_SIZE);
    cells(w, "interrupts", irq, 3);
    cells(w, "clocks", clocks, 2);
    strings(w, "clock-names", "uartclk", "apb_pclk");
    end(w);
}

static void add_key(struct writer *w, const char *node, const char *label, uint32_t line,
                    uint32_t code)
{
    uint32_t gpios[3] = {PHANDLE_GPIO, line, 0 /* active high */};

    begin(w, node);
    string(w, "label", label);
    u32(w, "linux,code", code);
    cells(w, "gpios", gpios, 3);
    end(w);
}

/* The power keys every domain has (SEPTUM_GUEST_GPIO_*): a PL061 whose
 * lines gpio-keys reads as KEY_POWER and Ctrl-Alt-Del, pressed by a
 * graceful shutdown or reboot. After add_uart(): it uses its clock. */
static void add_power_keys(struct writer *w)
{
    uint32_t irq[3] = {GIC_SPI, SEPTUM_GUEST_GPIO_SPI, IRQ_LEVEL_HIGH};

    begin(w, "pl061@9030000");
    strings(w, "compatible", "arm,pl061", "arm,primecell");
    reg64(w, SEPTUM_GUEST_GPIO_BASE, SEPTUM_GUEST_GPIO_SIZE);
    cells(w, "interrupts", irq, 3);
    check(w, fdt_property(w->fdt, "gpio-controller", NULL, 0));
    u32(w, "#gpio-cells", 2);
    u32(w, "clocks", PHANDLE_CLOCK);
    string(w, "clock-names", "apb_pclk");
    u32(w, "phandle", PHANDLE_GPIO);
    end(w);

    begin(w, "gpio-keys");
    string(w, "compatible", "gpio-keys");
    add_key(w, "poweroff", "GPIO Key Poweroff", SEPTUM_GPIO_KEY_POWER, 116);
    add_key(w, "ctrl", "GPIO Key Ctrl", SEPTUM_GPIO_KEY_CTRL, 29);
    add_key(w, "alt", "GPIO Key Alt", SEPTUM_GPIO_KEY_ALT, 56);
    add_key(w, "delete", "GPIO Key Delete", SEPTUM_GPIO_KEY_DELETE, 111);
    end(w);
}

/* A node per shared-memory region, as the hypervisor writes them
 * (SEPTUM_SHM_COMPATIBLE): registers then region as reg, the doorbell as
 * an edge SPI. The peer id is the registers' to tell (SEPTUM_SHM_REG_ID). */
static void add_shm(struct writer *w, const struct guest_dtb_params *p)
{
    char name[32];

    for (unsigned i = 0; i < p->nr_shm; i++) {
        const struct septum_shm_attach *a = &p->shm[i];
        uint32_t irq[3] = {GIC_SPI, a->virq - 32, IRQ_EDGE_RISING};
        uint32_t reg[8] = {(uint32_t)(a->regs_ipa >> 32),
                           (uint32_t)a->regs_ipa,
                           0,
                           0x1000,
                           (uint32_t)(a->ipa >> 32),
                           (uint32_t)a->ipa,
                           (uint32_t)(a->size >> 32),
                           (uint32_t)a->size};

        snprintf(name, sizeof(name), "shm@%llx", (unsigned long long)a->regs_ipa);
        begin(w, name);
        string(w, "compatible", SEPTUM_SHM_COMPATIBLE);
        cells(w, "reg", reg, 8);
        cells(w, "interrupts", irq, 3);
        string(w, "septum,name", a->name);
        end(w);
    }
}

/* Tells the guest what it runs on and how to call it (public/septum.h). */
static void add_hypervisor(struct writer *w)
{
    begin(w, "hypervisor");
    string(w, "compatible", "septum,hypervisor");
    u32(w, "septum,abi-version", SEPTUM_ABI_VERSION);
    string(w, "method", "hvc");
    end(w);
}

int guest_dtb_build(const struct guest_dtb_params *p, void *buf, size_t cap)
{
    struct writer w = {.fdt = buf};

    check(&w, fdt_create(buf, (int)cap));
    check(&w, fdt_finish_reservemap(buf));
    begin(&w, "");
    u32(&w, "#address-cells", 2);
    u32(&w, "#size-cells", 2);
    string(&w, "compatible", "septum,virt");
    string(&w, "model", "Septum domain");
    u32(&w, "interrupt-parent", PHANDLE_GIC);
    add_chosen(&w, p);
    add_memory(&w, p);
    add_cpus(&w, p);
    add_gic_and_timer(&w, p);
    add_uart(&w);
    add_power_keys(&w);
    add_shm(&w, p);
    add_hypervisor(&w);
    end(&w);
    check(&w, fdt_finish(buf));
    if (w.err)
        return w.err == -FDT_ERR_NOSPACE ? -ENOSPC : -EINVAL;
    return (int)fdt_totalsize(buf);
}

/* The node at path, made if missing (one level below the root). */
static int node(void *fdt, const char *path)
{
    int off = fdt_path_offset(fdt, path);

    return off == -FDT_ERR_NOTFOUND ? fdt_add_subnode(fdt, 0, path + 1) : off;
}

/* The (first) memory node, whatever its name, made if missing. */
static int memory_node(void *fdt, const struct guest_dtb_params *p)
{
    int off = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", sizeof("memory"));
    char name[32];

    if (off != -FDT_ERR_NOTFOUND)
        return off;
    snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)p->mem_base);
    off = fdt_add_subnode(fdt, 0, name);
    if (off >= 0) {
        int rc = fdt_setprop_string(fdt, off, "device_type", "memory");

        if (rc < 0)
            return rc;
    }
    return off;
}

/* Its reg, as the root's #address-cells and #size-cells say. */
static int set_memory(void *fdt, const struct guest_dtb_params *p)
{
    int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
    int off = memory_node(fdt, p);
    fdt32_t reg[4];
    int n = 0;

    if (off < 0)
        return off;
    if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
        return -FDT_ERR_BADNCELLS;
    if (ac == 2)
        reg[n++] = cpu_to_fdt32((uint32_t)(p->mem_base >> 32));
    reg[n++] = cpu_to_fdt32((uint32_t)p->mem_base);
    if (sc == 2)
        reg[n++] = cpu_to_fdt32((uint32_t)(p->mem_size >> 32));
    reg[n++] = cpu_to_fdt32((uint32_t)p->mem_size);
    return fdt_setprop(fdt, off, "reg", reg, n * (int)sizeof(reg[0]));
}

static int set_chosen(void *fdt, const struct guest_dtb_params *p)
{
    int off = node(fdt, "/chosen");
    int rc = off;

    if (off >= 0 && p->cmdline)
        rc = fdt_setprop_string(fdt, off, "bootargs", p->cmdline);
    if (rc >= 0 && p->initrd_size)
        rc = fdt_setprop_u64(fdt, off, "linux,initrd-start", p->initrd_start);
    if (rc >= 0 && p->initrd_size)
        rc = fdt_setprop_u64(fdt, off, "linux,initrd-end", p->initrd_start + p->initrd_size);
    return rc;
}

int guest_dtb_adapt(const struct guest_dtb_params *p, void *buf, size_t len, size_t cap)
{
    int rc;

    if (len < sizeof(struct fdt_header) || fdt_check_header(buf) != 0 || fdt_totalsize(buf) > len)
        return -EINVAL;
    rc = fdt_open_into(buf, buf, (int)cap);
    if (rc == 0)
        rc = set_memory(buf, p);
    if (rc >= 0)
        rc = set_chosen(buf, p);
    if (rc >= 0)
        rc = fdt_pack(buf);
    if (rc < 0)
        return rc == -FDT_ERR_NOSPACE ? -ENOSPC : -EINVAL;
    return (int)fdt_totalsize(buf);
}
