/* Boot-time domains from /chosen/domain@N nodes:
 *   compatible = "septum,domain"; septum,name = "..."; cpus = <pCPU ...>;
 *   memory = <hi lo> (bytes); bootargs = "..."; septum,direct-map (IPA = PA);
 *   septum,ram-base = <hi lo> (its RAM's address: the boot loader placed it);
 *   septum,native-wfi (WFI and WFE not trapped);
 *   module@A { compatible = "multiboot,kernel", "multiboot,module"; reg = <...>; }
 *   module@B { compatible = "multiboot,ramdisk", "multiboot,module"; reg = <...>; }
 *   shm@C { compatible = "septum,shm"; septum,name = "ring0";
 *           reg = <region IPA, size, doorbell registers IPA, 0x1000>; interrupts = <INTID>; }
 *   passthrough@C { compatible = "septum,passthrough"; septum,path = "/..."; } (pt_boot.c)
 * A broken description stops that domain only, with a message. */
#include <septum/boot_domains.h>
#include <septum/boot_image.h>
#include <septum/errno.h>
#include <septum/format.h>
#include <septum/guest_ram.h>
#include <septum/log.h>
#include <septum/passthrough.h>
#include <septum/string.h>
#include <septum/vm.h>

static int chosen_node(const struct fdt *fdt)
{
    return fdt_find_path(fdt, "/chosen");
}

/* A two-cell (or one-cell) number property; false if absent or malformed. */
static bool u64_prop(const struct fdt *fdt, int node, const char *name, uint64_t *value)
{
    uint32_t len;
    const void *cells = fdt_prop(fdt, node, name, &len);

    if (!cells || (len != 8 && len != 4))
        return false;
    *value = fdt_read_cells(cells, (int)len / 4);
    return true;
}

/* What says whether a module of node is in place (boot_module_in_place()). */
static struct domain_config placement(const struct fdt *fdt, int node)
{
    struct domain_config c = {.control = fdt_is_compatible(fdt, node, "septum,dom0")};

    if (!u64_prop(fdt, node, "septum,ram-base", &c.ram_base) ||
        !u64_prop(fdt, node, "memory", &c.mem_size))
        c.ram_base = 0;
    return c;
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
        struct domain_config c = placement(fdt, d);

        for (int m = fdt_first_child(fdt, d); m >= 0; m = fdt_next_sibling(fdt, m)) {
            struct boot_module mod;

            /* One in place is taken with its domain's RAM, not apart. */
            if (fdt_is_compatible(fdt, m, "multiboot,module") &&
                !fdt_reg(fdt, m, ac, sc, 0, &mod.pa, &mod.size) && !boot_module_in_place(&c, &mod))
                range_pool_reserve(pool, mod.pa & ~0xfffull, mod.size + (mod.pa & 0xfff));
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
    uint32_t flag_len;

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
    if (!u64_prop(fdt, node, "memory", &c->mem_size)) {
        log_printf("%s: missing memory size", name);
        return -EINVAL;
    }
    if (fdt_prop(fdt, node, "septum,ram-base", &flag_len) &&
        (!u64_prop(fdt, node, "septum,ram-base", &c->ram_base) || c->ram_base == 0 ||
         c->ram_base % GUEST_RAM_BLOCK)) {
        log_printf("%s: septum,ram-base must be a non-zero multiple of 2 MiB", name);
        return -EINVAL;
    }
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

/* The domain's shared-memory regions (shm@ children), attached before it
 * is loaded: its device tree describes them. */
static int attach_regions(const struct fdt *fdt, int chosen, int node, struct vm *vm)
{
    int ac = fdt_address_cells(fdt, chosen), sc = fdt_size_cells(fdt, chosen);

    for (int n = fdt_first_child(fdt, node); n >= 0; n = fdt_next_sibling(fdt, n)) {
        struct septum_shm_attach req = {0};
        const char *name = fdt_prop_string(fdt, n, "septum,name");
        const void *irq;
        uint64_t regs_size;
        uint32_t len;
        int err;

        if (!fdt_is_compatible(fdt, n, "septum,shm"))
            continue;
        irq = fdt_prop(fdt, n, "interrupts", &len);
        if (!name || strlen(name) >= SEPTUM_NAME_MAX || !irq || len != 4 ||
            fdt_reg(fdt, n, ac, sc, 0, &req.ipa, &req.size) ||
            fdt_reg(fdt, n, ac, sc, 1, &req.regs_ipa, &regs_size) || regs_size != 0x1000) {
            log_printf("%s: %s: needs septum,name, reg = <region> <registers, 4 KiB> and "
                       "interrupts = <INTID>",
                       vm->config.name, fdt_node_name(fdt, n));
            return -EINVAL;
        }
        memcpy(req.name, name, strlen(name) + 1);
        req.virq = fdt_read_u32(irq);
        err = shm_attach(vm, &req);
        if (err < 0)
            return err; /* shm_attach said why */
    }
    return 0;
}

static int start_domain(const struct fdt *fdt, int chosen, int node, const struct domain_config *c)
{
    char pcpus[4 * MAX_VCPUS];
    struct vm *vm;
    int err = vm_create(c, &vm);

    if (err) {
        log_printf("%s: cannot create domain (%d)", c->name, err);
        return err;
    }
    err = pt_boot_devices(vm, fdt, node);
    if (!err)
        err = attach_regions(fdt, chosen, node, vm);
    if (!err)
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
        if (parse_domain(fdt, chosen, d, &config) == 0 &&
            start_domain(fdt, chosen, d, &config) == 0)
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
