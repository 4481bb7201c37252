/* Device-tree probing of memory, CPUs, GICv3, console UART and PSCI. */
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/log.h>
#include <septum/string.h>
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

static int probe_cpus(const struct fdt *fdt)
{
    int cpus = fdt_find_path(fdt, "/cpus");
    int ac;

    if (cpus < 0)
        return cpus;
    ac = fdt_address_cells(fdt, cpus);
    for (int n = fdt_first_child(fdt, cpus); n >= 0; n = fdt_next_sibling(fdt, n)) {
        const char *type = fdt_prop_string(fdt, n, "device_type");
        uint64_t mpidr, unused;

        if (!type || strcmp(type, "cpu") != 0 || fdt_reg(fdt, n, ac, 0, 0, &mpidr, &unused))
            continue;
        if (platform.nr_cpus == MAX_PCPUS) {
            log_printf("more than %u CPUs: the rest stay off", MAX_PCPUS);
            break;
        }
        platform.mpidr[platform.nr_cpus++] = mpidr;
    }
    return platform.nr_cpus ? 0 : -ENOENT;
}

static int probe_gic(const struct fdt *fdt)
{
    int gic = fdt_find_compatible(fdt, -1, "arm,gic-v3");
    int root = fdt_root(fdt);
    int ac = fdt_address_cells(fdt, root), sc = fdt_size_cells(fdt, root);
    if (gic < 0)
        return gic;
    if (fdt_reg(fdt, gic, ac, sc, 0, &platform.gicd, &platform.gicd_size))
        return -EINVAL;
    return fdt_reg(fdt, gic, ac, sc, 1, &platform.gicr, &platform.gicr_size);
}

/* The INTID of a node's first interrupt if it is an SPI (GIC binding:
 * <type number flags>, type 0 = SPI), else 0. */
static unsigned spi_of(const struct fdt *fdt, int node)
{
    uint32_t len;
    const uint8_t *irq = fdt_prop(fdt, node, "interrupts", &len);

    if (!irq || len < 12 || fdt_read_u32(irq) != 0)
        return 0;
    return 32 + fdt_read_u32(irq + 4);
}

/* The console: /chosen/stdout-path if it names a PL011, else the first one. */
static int probe_uart(const struct fdt *fdt)
{
    int root = fdt_root(fdt);
    int chosen = fdt_find_path(fdt, "/chosen");
    const char *path = chosen >= 0 ? fdt_prop_string(fdt, chosen, "stdout-path") : NULL;
    int uart = -ENOENT;
    uint64_t size;

    if (path && path[0] == '/') {
        char node_path[128];
        size_t len = 0;

        while (path[len] && path[len] != ':' && len < sizeof(node_path) - 1) {
            node_path[len] = path[len];
            len++;
        }
        node_path[len] = '\0';
        uart = fdt_find_path(fdt, node_path);
    }
    if (uart < 0 || !fdt_is_compatible(fdt, uart, "arm,pl011"))
        uart = fdt_find_compatible(fdt, -1, "arm,pl011");
    if (uart < 0)
        return uart;
    platform.uart_intid = spi_of(fdt, uart);
    return fdt_reg(fdt, uart, fdt_address_cells(fdt, root), fdt_size_cells(fdt, root), 0,
                   &platform.uart, &size);
}

static void probe_psci(const struct fdt *fdt)
{
    int psci = fdt_find_compatible(fdt, -1, "arm,psci-0.2");
    const char *method = psci >= 0 ? fdt_prop_string(fdt, psci, "method") : NULL;

    platform.psci_smc = !method || strcmp(method, "hvc") != 0;
}

int platform_probe(const void *dtb)
{
    struct fdt fdt;
    int err = fdt_open(&fdt, dtb, DTB_MAX_SIZE);

    if (!err) {
        platform.dtb = dtb;
        platform.dtb_size = fdt_total_size(dtb);
    }
    if (!err)
        err = probe_uart(&fdt);
    if (!err)
        err = probe_memory(&fdt);
    if (!err)
        err = probe_cpus(&fdt);
    if (!err)
        err = probe_gic(&fdt);
    probe_psci(&fdt);
    return err;
}
