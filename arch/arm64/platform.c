/* Device-tree probing of the GICv3 and PSCI (arch_platform_probe). */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/string.h>
#include <arch/platform.h>

struct arm64_platform arm64_platform;

static int probe_gic(const struct fdt *fdt)
{
    int gic = fdt_find_compatible(fdt, -1, "arm,gic-v3");
    int root = fdt_root(fdt);
    int ac = fdt_address_cells(fdt, root), sc = fdt_size_cells(fdt, root);

    if (gic < 0)
        return gic;
    if (fdt_reg(fdt, gic, ac, sc, 0, &arm64_platform.gicd, &arm64_platform.gicd_size))
        return -EINVAL;
    return fdt_reg(fdt, gic, ac, sc, 1, &arm64_platform.gicr, &arm64_platform.gicr_size);
}

static void probe_psci(const struct fdt *fdt)
{
    int psci = fdt_find_compatible(fdt, -1, "arm,psci-0.2");
    const char *method = psci >= 0 ? fdt_prop_string(fdt, psci, "method") : NULL;

    arm64_platform.psci_smc = !method || strcmp(method, "hvc") != 0;
}

int arch_platform_probe(const struct fdt *fdt)
{
    probe_psci(fdt);
    return probe_gic(fdt);
}
