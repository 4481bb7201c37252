/* Device-tree queries on top of the project's bounds-checked reader. */
#include <septum/errno.h>
#include <septum/string.h>
#include "dtb.h"

/* Linux's limit for a boot DTB; a larger header size is taken as garbage. */
#define DTB_MAX_SIZE (2u << 20)

int dtb_open(struct fdt *fdt, const void *blob)
{
    uint32_t size;

    if (!blob)
        return -EINVAL;
    size = fdt_total_size(blob);
    if (size == 0 || size > DTB_MAX_SIZE)
        return -EINVAL;
    return fdt_open(fdt, blob, size);
}

const char *dtb_bootargs(const struct fdt *fdt)
{
    int chosen = fdt_find_path(fdt, "/chosen");
    const char *args = chosen >= 0 ? fdt_prop_string(fdt, chosen, "bootargs") : NULL;

    return args ? args : "";
}

static bool has_device_type(const struct fdt *fdt, int node, const char *type)
{
    const char *t = fdt_prop_string(fdt, node, "device_type");

    return t && strcmp(t, type) == 0;
}

int dtb_memory_bank(const struct fdt *fdt, unsigned index, uint64_t *base, uint64_t *size)
{
    int root = fdt_root(fdt);
    int ac = fdt_address_cells(fdt, root);
    int sc = fdt_size_cells(fdt, root);

    for (int node = fdt_first_child(fdt, root); node >= 0; node = fdt_next_sibling(fdt, node)) {
        if (!has_device_type(fdt, node, "memory"))
            continue;
        for (int i = 0; fdt_reg(fdt, node, ac, sc, i, base, size) == 0; i++) {
            if (index-- == 0)
                return 0;
        }
    }
    return -ENOENT;
}

int dtb_cpu_ids(const struct fdt *fdt, uint64_t *ids, unsigned max)
{
    int cpus = fdt_find_path(fdt, "/cpus");
    unsigned count = 0;
    int ac;

    if (cpus < 0)
        return -ENOENT;
    /* /cpus has #size-cells = 0: reg is the hardware id alone. */
    ac = fdt_address_cells(fdt, cpus);
    for (int node = fdt_first_child(fdt, cpus); node >= 0; node = fdt_next_sibling(fdt, node)) {
        uint64_t reg, unused;

        if (!has_device_type(fdt, node, "cpu") || fdt_reg(fdt, node, ac, 0, 0, &reg, &unused))
            continue;
        if (count == max)
            return -E2BIG;
        ids[count++] = reg;
    }
    return count ? (int)count : -ENOENT;
}
