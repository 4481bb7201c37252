/* Boot-time domains from /chosen/domain@N nodes:
 *   compatible = "septum,domain"; septum,name = "..."; cpus = <pCPU ...>;
 *   memory = <hi lo> (bytes); bootargs = "..."; septum,direct-map (IPA = PA);
 *   septum,native-wfi (WFI and WFE not trapped);
 *   module@A { compatible = "multiboot,kernel", "multiboot,module"; reg = <...>; }
 *   module@B { compatible = "multiboot,ramdisk", "multiboot,module"; reg = <...>; }
 * A broken description stops that domain only, with a message. */
#include <septum/boot_domains.h>
#include <septum/errno.h>
#include <septum/format.h>
#include <septum/log.h>
#include <septum/string.h>
#include <septum/vm.h>

static int chosen_node(const struct fdt *fdt)
{
    return fdt_find_path(fdt, "/chosen");
}

int boot_modules_reserve(const struct fdt *fdt, struct range_pool *pool)
{
    int chosen = chosen_node(fdt);
    int ac, sc;

    if (chosen < 0)
        return 0;
    ac = fdt_address_cells(fdt, chosen);
    sc = fdt_size_cells(fdt, chosen);
    for (int d = fdt_first_child(fdt, chosen); d >= 0; d = fdt_next_sibling(fdt, d)) {
        for (int m = fdt_first_child(fdt, d); m >= 0; m = fdt_next_sibling(fdt, m)) {
            uint64_t base, size;

            if (fdt_is_compatible(fdt, m, "multiboot,module") &&
                !fdt_reg(fdt, m, ac, sc, 0, &base, &size))
                range_pool_reserve(pool, base & ~0xfffull, size + (base & 0xfff));
        }
    }
    return 0;
}

static int parse_cpus(const struct fdt *fdt, int node, struct domain_config *c)
{
    uint32_t len;
    const uint8_t *cells = fdt_prop(fdt, node, "cpus", &len);

    if (!cells || len == 0 || len % 4 || len / 4 > MAX_VCPUS)
        return -EINVAL;
    c->nr_vcpus = len / 4;
    for (unsigned i = 0; i < c->nr_vcpus; i++)
        c->pcpu[i] = fdt_read_u32(cells + 4 * i);
    return 0;
}

/* The kernel (required) and the initramfs (optional) modules of a domain. */
static int parse_modules(const struct fdt *fdt, int chosen, int node, struct domain_config *c)
{
    int ac = fdt_address_cells(fdt, chosen), sc = fdt_size_cells(fdt, chosen);

    for (int m = fdt_first_child(fdt, node); m >= 0; m = fdt_next_sibling(fdt, m)) {
        struct boot_module *mod = NULL;

        if (fdt_is_compatible(fdt, m, "multiboot,kernel"))
            mod = &c->kernel;
        else if (fdt_is_compatible(fdt, m, "multiboot,ramdisk"))
            mod = &c->ramdisk;
        if (mod && fdt_reg(fdt, m, ac, sc, 0, &mod->pa, &mod->size))
            return -EINVAL;
    }
    return c->kernel.size ? 0 : -ENOENT;
}

static int parse_domain(const struct fdt *fdt, int chosen, int node, struct domain_config *c)
{
    bool control = fdt_is_compatible(fdt, node, "septum,dom0");
    const char *name = control ? "dom0" : fdt_prop_string(fdt, node, "septum,name");
    const char *bootargs = fdt_prop_string(fdt, node, "bootargs");
    uint32_t len, flag_len;
    const void *memory = fdt_prop(fdt, node, "memory", &len);

    *c = (struct domain_config){
        .control = control,
        .direct_map = fdt_prop(fdt, node, "septum,direct-map", &flag_len) != NULL,
        .native_wfi = fdt_prop(fdt, node, "septum,native-wfi", &flag_len) != NULL,
        .on_poweroff = ACTION_DESTROY,
        .on_reboot = ACTION_RESTART,
        .on_crash = ACTION_PRESERVE};
    if (!name || strlen(name) >= DOMAIN_NAME_MAX) {
        log_printf("%s: missing or too long septum,name", fdt_node_name(fdt, node));
        return -EINVAL;
    }
    memcpy(c->name, name, strlen(name) + 1);
    if (!memory || (len != 8 && len != 4)) {
        log_printf("%s: missing memory size", name);
        return -EINVAL;
    }
    c->mem_size = fdt_read_cells(memory, (int)len / 4);
    if (parse_cpus(fdt, node, c)) {
        log_printf("%s: cpus must list 1 to %u pCPUs", name, MAX_VCPUS);
        return -EINVAL;
    }
    if (parse_modules(fdt, chosen, node, c)) {
        log_printf("%s: no valid multiboot,kernel module", name);
        return -EINVAL;
    }
    if (bootargs && strlen(bootargs) >= CMDLINE_MAX) {
        log_printf("%s: bootargs longer than %u bytes", name, CMDLINE_MAX - 1);
        return -EINVAL;
    }
    if (bootargs)
        memcpy(c->cmdline, bootargs, strlen(bootargs) + 1);
    return 0;
}

/* "1,2,3": the pCPUs of vCPU 0, 1, 2... */
static const char *pcpu_list(const struct domain_config *c, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (unsigned i = 0; i < c->nr_vcpus && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, i ? ",%u" : "%u", c->pcpu[i]);
    return buf;
}

static int start_domain(const struct domain_config *c)
{
    char pcpus[4 * MAX_VCPUS];
    struct vm *vm;
    int err = vm_create(c, &vm);

    if (err) {
        log_printf("%s: cannot create domain (%d)", c->name, err);
        return err;
    }
    err = vm_load(vm);
    if (err) {
        log_printf("%s: cannot load domain (%d)", c->name, err);
        vm_destroy(vm);
        return err;
    }
    /* Said before the start: the domain may be done before this returns. */
    log_printf("d%u (%s): %u vCPU(s) on pCPU %s, %llu MiB, started", vm->id, c->name, c->nr_vcpus,
               pcpu_list(c, pcpus, sizeof(pcpus)), (unsigned long long)(c->mem_size >> 20));
    return vm_start(vm);
}

/* The control domain first, so that it gets id 0 whatever the node order. */
static int start_kind(const struct fdt *fdt, int chosen, const char *compatible)
{
    int started = 0;

    for (int d = fdt_first_child(fdt, chosen); d >= 0; d = fdt_next_sibling(fdt, d)) {
        struct domain_config config;

        if (!fdt_is_compatible(fdt, d, compatible))
            continue;
        if (parse_domain(fdt, chosen, d, &config) == 0 && start_domain(&config) == 0)
            started++;
    }
    return started;
}

int boot_domains_start(const struct fdt *fdt)
{
    int chosen = chosen_node(fdt);

    if (chosen < 0)
        return 0;
    return start_kind(fdt, chosen, "septum,dom0") + start_kind(fdt, chosen, "septum,domain");
}
