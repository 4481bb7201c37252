/* Device-tree probing of what every architecture's machine has alike:
 * memory, the CPU list and the console (septum/platform.h); and the
 * platform services that follow from it, or from the hypervisor's
 * address space (hal_phys_to_virt()), alike on every architecture. */
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/hal.h>
#include <septum/log.h>
#include <septum/platform.h>
#include <septum/string.h>
#include <septum/uart.h>

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

/* pCPU i is the i-th enabled cpu node, known by its `reg`. */
static int probe_cpus(const struct fdt *fdt)
{
    int cpus = fdt_find_path(fdt, "/cpus");
    int ac;

    if (cpus < 0)
        return cpus;
    ac = fdt_address_cells(fdt, cpus);
    for (int n = fdt_first_child(fdt, cpus); n >= 0; n = fdt_next_sibling(fdt, n)) {
        const char *type = fdt_prop_string(fdt, n, "device_type");
        const char *status = fdt_prop_string(fdt, n, "status");
        uint64_t id, unused;

        if (!type || strcmp(type, "cpu") != 0 || fdt_reg(fdt, n, ac, 0, 0, &id, &unused))
            continue;
        if (status && strcmp(status, "okay") != 0)
            continue;
        if (platform.nr_cpus == MAX_PCPUS) {
            log_printf("more than %u CPUs: the rest stay off", MAX_PCPUS);
            break;
        }
        platform.cpu_id[platform.nr_cpus++] = id;
    }
    return platform.nr_cpus ? 0 : -ENOENT;
}

int platform_probe(const void *dtb, struct fdt *fdt)
{
    int err = fdt_open(fdt, dtb, DTB_MAX_SIZE);

    if (err)
        return err;
    platform.dtb = dtb;
    platform.dtb_size = fdt_total_size(dtb);
    err = uart_probe(fdt);
    if (!err)
        err = probe_memory(fdt);
    if (!err)
        err = probe_cpus(fdt);
    return err;
}

const void *hal_host_fdt(uint64_t *size)
{
    *size = platform.dtb_size;
    return platform.dtb;
}

uint64_t hal_ram_total(void)
{
    return platform.ram_size;
}

unsigned hal_nr_pcpus(void)
{
    return platform.nr_cpus;
}

uint64_t hal_mmio_read(paddr_t pa, unsigned size)
{
    volatile void *p = hal_phys_to_virt(pa);

    switch (size) {
    case 1:
        return *(volatile uint8_t *)p;
    case 2:
        return *(volatile uint16_t *)p;
    case 4:
        return *(volatile uint32_t *)p;
    default:
        return *(volatile uint64_t *)p;
    }
}

void hal_mmio_write(paddr_t pa, unsigned size, uint64_t value)
{
    volatile void *p = hal_phys_to_virt(pa);

    switch (size) {
    case 1:
        *(volatile uint8_t *)p = (uint8_t)value;
        break;
    case 2:
        *(volatile uint16_t *)p = (uint16_t)value;
        break;
    case 4:
        *(volatile uint32_t *)p = (uint32_t)value;
        break;
    default:
        *(volatile uint64_t *)p = value;
        break;
    }
}
