/* Device-tree probing of what is riscv64's: the boot hart's place, the
 * timebase, the PLIC; and RAM below the hypervisor left to the firmware. */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/platform.h>
#include <septum/string.h>
#include <arch/csr.h>
#include <arch/machine.h>

struct machine machine;

/* Whether an ISA string ("rv64imafdch_zicsr_..._sstc") names a
 * multi-letter extension. */
static bool has_extension(const char *isa, const char *ext)
{
    size_t n = strlen(ext);

    for (const char *p = isa; *p; p++) {
        if (*p == '_' && strncmp(p + 1, ext, n) == 0 && (p[1 + n] == '_' || p[1 + n] == '\0'))
            return true;
    }
    return false;
}

/* Whether an ISA string's single-letter part ("rv64imafdch") names ext. */
static bool has_letter(const char *isa, char ext)
{
    if (strncmp(isa, "rv64", 4) != 0)
        return false;
    for (const char *p = isa + 4; *p && *p != '_'; p++) {
        if (*p == ext)
            return true;
    }
    return false;
}

/* OpenSBI may boot any hart (a lottery among them): the one it booted is
 * pCPU 0, whatever its place in /cpus. */
static int boot_hart_first(void)
{
    for (unsigned i = 0; i < platform.nr_cpus; i++) {
        if (platform.cpu_id[i] == boot_hart) {
            platform.cpu_id[i] = platform.cpu_id[0];
            platform.cpu_id[0] = boot_hart;
            return 0;
        }
    }
    return -ENOENT;
}

/* The timebase, and whether the boot hart says it has Sstc: QEMU 7.2
 * lets henvcfg.STCE stick even on a hart without it (-cpu rv64,sstc=off),
 * so the hart's own word is needed too. */
static void probe_harts(const struct fdt *fdt)
{
    int cpus = fdt_find_path(fdt, "/cpus");
    int ac = cpus >= 0 ? fdt_address_cells(fdt, cpus) : 1;
    uint32_t len;
    const void *tb = cpus >= 0 ? fdt_prop(fdt, cpus, "timebase-frequency", &len) : NULL;

    machine.timebase_hz = tb && len == 4 ? fdt_read_u32(tb) : 10000000;
    for (int n = cpus >= 0 ? fdt_first_child(fdt, cpus) : -1; n >= 0;
         n = fdt_next_sibling(fdt, n)) {
        uint64_t hartid, unused;
        const char *isa = fdt_prop_string(fdt, n, "riscv,isa");

        if (!fdt_reg(fdt, n, ac, 0, 0, &hartid, &unused) && hartid == boot_hart && isa) {
            machine.isa_sstc = has_extension(isa, "sstc");
            machine.fpu_d = has_letter(isa, 'd');
        }
    }
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
        machine.plic_context[i] = -1;
    if (plic < 0)
        return 0; /* no console input, nothing else is lost */
    if (fdt_reg(fdt, plic, fdt_address_cells(fdt, root), fdt_size_cells(fdt, root), 0,
                &machine.plic, &machine.plic_size))
        return -EINVAL;
    ctx = fdt_prop(fdt, plic, "interrupts-extended", &len);
    for (uint32_t i = 0; ctx && (i + 1) * 8 <= len; i++) {
        long hart = hart_of_intc(fdt, fdt_read_u32(ctx + i * 8));

        if (hart < 0 || fdt_read_u32(ctx + i * 8 + 4) != IRQ_S_EXT)
            continue;
        for (unsigned p = 0; p < platform.nr_cpus; p++) {
            if (platform.cpu_id[p] == (uint64_t)hart)
                machine.plic_context[p] = (int)i;
        }
    }
    return 0;
}

/* RAM below the image is OpenSBI's (the RISC-V boot convention: the kernel
 * goes 2 MiB above the firmware), protected by PMP: the core's memory
 * starts at the image. */
static void leave_firmware_ram(void)
{
    extern char __image_start[];
    uint64_t start = (uintptr_t)__image_start;

    if (start > platform.ram_base && start < platform.ram_base + platform.ram_size) {
        platform.ram_size -= start - platform.ram_base;
        platform.ram_base = start;
    }
}

int arch_platform_probe(const struct fdt *fdt)
{
    int err = boot_hart_first();

    leave_firmware_ram();
    probe_harts(fdt);
    return err ? err : probe_plic(fdt);
}
