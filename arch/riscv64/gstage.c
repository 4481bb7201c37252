/* G-stage descriptors (RISC-V privileged spec, "Two-Stage Address
 * Translation": Sv39x4) for the core's walker (septum/stage2.h). Leaves
 * carry U (G-stage accesses count as user accesses) and A/D preset, so
 * that a hart without hardware A/D updating never faults on them. */
#include <septum/hal.h>
#include <arch/csr.h>
#include <arch/gstage.h>

#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_U (1ull << 4)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define PTE_PPN_SHIFT 10
#define PTE_LEAF (PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)

const struct arch_stage2_format arch_stage2 = {
    .valid = PTE_V,
    /* A valid entry with none of R, W, X points to the next level. */
    .table_mask = PTE_V | PTE_R | PTE_W | PTE_X,
    .table_value = PTE_V,
    .table_bits = PTE_V,
    .leaf_bits =
        {
            [STAGE2_RAM] = PTE_LEAF | PTE_X,
            [STAGE2_DEVICE] = PTE_LEAF,
        },
    .page_bits = 0,
    .type_mask = PTE_X,
    /* The PPN: bits 10-53 hold the address's bits 12-55. */
    .addr_shift = PAGE_SHIFT - PTE_PPN_SHIFT,
    .addr_mask = ((1ull << 44) - 1) << PTE_PPN_SHIFT,
    .largest_leaf = 2, /* 1 GiB pages at the root */
};

uint64_t gstage_hgatp(const struct stage2 *s2)
{
    return HGATP_MODE_SV39X4 | ((uint64_t)s2->vmid & HGATP_VMID_MASK) << HGATP_VMID_SHIFT |
           hal_virt_to_phys(s2->root) >> PAGE_SHIFT;
}
