/* The hypervisor's own stage-1 translation at EL2: an identity map in 1 GiB
 * blocks, Device memory for the first gigabyte (MMIO on virt) and Normal
 * write-back memory for RAM. Caches on, so atomics and spinlocks behave as
 * on real hardware (exclusives on Device memory are not architected). */
#include <stdint.h>
#include <arch/mmu.h>
#include <arch/sysreg.h>

#define GIB (1ull << 30)
#define BLOCK (1ull << 0)
#define ATTR_DEVICE (0ull << 2) /* MAIR index 0 */
#define ATTR_NORMAL (1ull << 2) /* MAIR index 1 */
#define SH_INNER (3ull << 8)
#define AF (1ull << 10)
#define XN (1ull << 54)
#define MAIR_VALUE 0xff00ull /* index 0: Device-nGnRnE, index 1: Normal WB */
/* T0SZ 25 (39-bit VA, start at level 1), WB WA walks, inner shareable, 4 KiB
 * granule, 40-bit PA; bits 23 and 31 are RES1. */
#define TCR_VALUE                                                                                  \
    (25ull | 1ull << 8 | 1ull << 10 | 3ull << 12 | 2ull << 16 | 1ull << 23 | 1ull << 31)

static uint64_t l1_table[512] __attribute__((aligned(4096)));

void mmu_build(uint64_t ram_base, uint64_t ram_size)
{
    l1_table[0] = 0 | BLOCK | ATTR_DEVICE | AF | XN;
    for (uint64_t a = ram_base & ~(GIB - 1); a < ram_base + ram_size; a += GIB) {
        if (a / GIB < 512)
            l1_table[a / GIB] = a | BLOCK | ATTR_NORMAL | SH_INNER | AF;
    }
}

void mmu_enable(void)
{
    write_sysreg(mair_el2, MAIR_VALUE);
    write_sysreg(tcr_el2, TCR_VALUE);
    write_sysreg(ttbr0_el2, (uint64_t)(uintptr_t)l1_table);
    isb();
    __asm__ volatile("tlbi alle2\n\tdsb nsh" ::: "memory");
    write_sysreg(sctlr_el2, SCTLR_EL2_VALUE);
    isb();
}
