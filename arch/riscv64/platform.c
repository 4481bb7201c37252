/* Device-tree probing of memory, harts, the PLIC and the console UART. */
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/log.h>
#include <septum/string.h>
#include <arch/csr.h>
#include <arch/platform.h>

#define DTB_MAX_SIZE (2u << 20)

struct platform platform;

static int probe_memory(const struct fdt *fdt)
{
    int root = fdt_root(fdt);
    int ac = fdt_address_cells(fdt, root), sc = fdt_size_cells(fdt, root);

    for (int n = fdt_first_child(fdt, root); n >= 0; n = fdt_next_sibling(fdt, n)) {
        const char *type = fdt_prop_string(fdt, n, "device_type");

        if (type && strcmp(type, "memory") == 0)
            return fdt_reg(fdt, n, ac, sc, 0, &platform.ram_base, &platform.ram_size);
    }
    return -ENOENT;
}

static bool hart_usable(const struct fdt *fdt, int cpu)
{
    const char *type = fdt_prop_string(fdt, cpu, "device_type");
    const char *status = fdt_prop_string(fdt, cpu, "status");

    return type && strcmp(type, "cpu") == 0 && (!status || strcmp(status, "okay") == 0);
}

/* The boot hart first, then the others in tree order. */
static int probe_cpus(const struct fdt *fdt, unsigned long boot_hart)
{
    int cpus = fdt_find_path(fdt, "/cpus");
    uint32_t len;
    const void *tb;
    int ac;

    if (cpus < 0)
        return cpus;
    tb = fdt_prop(fdt, cpus, "timebase-frequency", &len);
    platform.timebase_hz = tb && len == 4 ? fdt_read_u32(tb) : 10000000;
    ac = fdt_address_cells(fdt, cpus);
    platform.hartid[platform.nr_cpus++] = boot_hart;
    for (int n = fdt_first_child(fdt, cpus); n >= 0; n = fdt_next_sibling(fdt, n)) {
        uint64_t hartid, unused;

        if (!hart_usable(fdt, n) || fdt_reg(fdt, n, ac, 0, 0, &hartid, &unused) ||
            hartid == boot_hart)
            continue;
        if (platform.nr_cpus == MAX_PCPUS) {
            log_printf("more than %u harts: the rest stay off", MAX_PCPUS);
            break;
        }
        platform.hartid[platform.nr_cpus++] = hartid;
    }
    return 0;
}

/* The hart whose interrupt controller has this phandle, or -1. */
static long hart_of_intc(const struct fdt *fdt, uint32_t phandle)
{
    int cpus = fdt_find_path(fdt, "/cpus");
    int ac = cpus >= 0 ? fdt_address_cells(fdt, cpus) : 1;

    for (int n = cpus >= 0 ? fdt_first_child(fdt, cpus) : -1; n >= 0;
         n = fdt_next_sibling(fdt, n)) {
        uint64_t hartid, unused;

        if (fdt_reg(fdt, n, ac, 0, 0, &hartid, &unused))
            continue;
        for (int c = fdt_first_child(fdt, n); c >= 0; c = fdt_next_sibling(fdt, c)) {
            uint32_t len;
            const void *ph = fdt_prop(fdt, c, "phandle", &len);

            if (ph && len == 4 && fdt_read_u32(ph) == phandle)
                return (long)hartid;
        }
    }
    return -1;
}

/* The PLIC and, from its interrupts-extended (<intc-phandle irq> per
 * context), which context is each pCPU's supervisor-external one. */
static int probe_plic(const struct fdt *fdt)
{
    int root = fdt_root(fdt);
    int plic = fdt_find_compatible(fdt, -1, "riscv,plic0");
    const uint8_t *ctx;
    uint32_t len;

    if (plic < 0)
        plic = fdt_find_compatible(fdt, -1, "sifive,plic-1.0.0");
    for (unsigned i = 0; i < MAX_PCPUS; i++)
        platform.plic_context[i] = -1;
    if (plic < 0)
        return 0; /* no console input, nothing else is lost */
    if (fdt_reg(fdt, plic, fdt_address_cells(fdt, root), fdt_size_cells(fdt, root), 0,
                &platform.plic, &platform.plic_size))
        return -EINVAL;
    ctx = fdt_prop(fdt, plic, "interrupts-extended", &len);
    for (uint32_t i = 0; ctx && (i + 1) * 8 <= len; i++) {
        long hart = hart_of_intc(fdt, fdt_read_u32(ctx + i * 8));

        if (hart < 0 || fdt_read_u32(ctx + i * 8 + 4) != IRQ_S_EXT)
            continue;
        for (unsigned p = 0; p < platform.nr_cpus; p++) {
            if (platform.hartid[p] == (unsigned long)hart)
                platform.plic_context[p] = (int)i;
        }
    }
    return 0;
}

/* The console: /chosen/stdout-path if it names an ns16550a, else the first. */
static int probe_uart(const struct fdt *fdt)
{
    int root = fdt_root(fdt);
    int chosen = fdt_find_path(fdt, "/chosen");
    const char *path = chosen >= 0 ? fdt_prop_string(fdt, chosen, "stdout-path") : NULL;
    int uart = -ENOENT;
    const void *irq;
    uint32_t len;
    uint64_t size;

    if (path && path[0] == '/') {
        char node_path[128];
        size_t n = 0;

        while (path[n] && path[n] != ':' && n < sizeof(node_path) - 1) {
            node_path[n] = path[n];
            n++;
        }
        node_path[n] = '\0';
        uart = fdt_find_path(fdt, node_path);
    }
    if (uart < 0 || !fdt_is_compatible(fdt, uart, "ns16550a"))
        uart = fdt_find_compatible(fdt, -1, "ns16550a");
    if (uart < 0)
        return uart;
    irq = fdt_prop(fdt, uart, "interrupts", &len);
    platform.uart_irq = irq && len >= 4 ? fdt_read_u32(irq) : 0;
    return fdt_reg(fdt, uart, fdt_address_cells(fdt, root), fdt_size_cells(fdt, root), 0,
                   &platform.uart, &size);
}

int platform_probe(const void *dtb, unsigned long boot_hart)
{
    struct fdt fdt;
    int err = fdt_open(&fdt, dtb, DTB_MAX_SIZE);

    if (!err) {
        platform.dtb = dtb;
        platform.dtb_size = fdt_total_size(dtb);
        err = probe_uart(&fdt);
    }
    if (!err)
        err = probe_memory(&fdt);
    if (!err)
        err = probe_cpus(&fdt, boot_hart);
    if (!err)
        err = probe_plic(&fdt);
    return err;
}
