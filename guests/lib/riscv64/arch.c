/* riscv64: what the runtime learns from the device tree, and CPU identity
 * (lib/arch.h). */
#include <septum/string.h>
#include "arch.h"
#include "cpu.h"
#include "dtb.h"
#include "riscv.h"

/* QEMU virt's, used when the device tree does not say. */
uint64_t riscv_timebase = 10000000;
bool riscv_has_sstc;

/* True when the ISA string (rv64imac_zicsr_..._sstc) names extension ext
 * among its multi-letter ones. */
static bool isa_has(const char *isa, const char *ext)
{
    size_t len = strlen(ext);

    for (const char *p = strchr(isa, '_'); p; p = strchr(p + 1, '_')) {
        if (strncmp(p + 1, ext, len) == 0 && (p[1 + len] == '_' || p[1 + len] == '\0'))
            return true;
    }
    return false;
}

/* Sstc counts only if every hart has it: any of them may run the timer. */
static void read_cpus(const struct fdt *fdt)
{
    int cpus = fdt_find_path(fdt, "/cpus");
    const uint8_t *freq;
    uint32_t len;
    bool sstc = true, any = false;

    if (cpus < 0)
        return;
    freq = fdt_prop(fdt, cpus, "timebase-frequency", &len);
    if (freq && len == 4 && fdt_read_u32(freq) != 0)
        riscv_timebase = fdt_read_u32(freq);
    for (int n = fdt_first_child(fdt, cpus); n >= 0; n = fdt_next_sibling(fdt, n)) {
        const char *isa = fdt_prop_string(fdt, n, "riscv,isa");

        if (!isa)
            continue;
        any = true;
        sstc = sstc && isa_has(isa, "sstc");
    }
    riscv_has_sstc = any && sstc;
}

void arch_init(const void *dtb)
{
    struct fdt fdt;

    if (dtb_open(&fdt, dtb) != 0)
        return;
    read_cpus(&fdt);
    plic_discover(&fdt);
}

/* The entry code keeps the hart id in sscratch: S mode cannot read mhartid,
 * and the trap entry needs no scratch register (guests never leave S mode). */
uint64_t cpu_hwid(void)
{
    return csr_read(sscratch);
}

uint64_t cpu_id_register(void)
{
    return cpu_hwid();
}

void cpu_set_index(unsigned index)
{
    __asm__ volatile("mv tp, %0" : : "r"((uint64_t)index));
}
