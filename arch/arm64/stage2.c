/* Stage-2 descriptors (Arm ARM D8, VMSAv8-64 stage 2, 4 KiB granule) for
 * the core's walker (septum/stage2.h). They carry the memory type in
 * MemAttr[5:2] directly, not through a MAIR. */
#include <septum/hal.h>
#include <arch/stage2.h>

#define DESC_VALID (1ull << 0)
#define DESC_TABLE (1ull << 1) /* at levels 1-2; at level 3 it marks a page */
#define DESC_MEMATTR_MASK (0xfull << 2)
#define DESC_MEMATTR_NORMAL_WB (0xfull << 2)
#define DESC_MEMATTR_DEVICE (0x0ull << 2)
#define DESC_S2AP_RW (3ull << 6)
#define DESC_SH_INNER (3ull << 8)
#define DESC_AF (1ull << 10)
#define DESC_XN (1ull << 54)
#define DESC_LEAF (DESC_VALID | DESC_S2AP_RW | DESC_AF)

const struct arch_stage2_format arch_stage2 = {
    .valid = DESC_VALID,
    .table_mask = DESC_VALID | DESC_TABLE,
    .table_value = DESC_VALID | DESC_TABLE,
    .table_bits = DESC_VALID | DESC_TABLE,
    .leaf_bits =
        {
            [STAGE2_RAM] = DESC_LEAF | DESC_MEMATTR_NORMAL_WB | DESC_SH_INNER,
            [STAGE2_DEVICE] = DESC_LEAF | DESC_MEMATTR_DEVICE | DESC_XN,
        },
    .page_bits = DESC_TABLE,
    .type_mask = DESC_MEMATTR_MASK,
    .addr_shift = 0,
    .addr_mask = 0x0000fffffffff000ull,
    /* 2 MiB blocks: 1 GiB ones would be allowed at level 1, but a domain's
     * RAM is rarely aligned to them. */
    .largest_leaf = 1,
};

uint64_t vttbr_of(const struct stage2 *s2)
{
    return (uint64_t)s2->vmid << 48 | hal_virt_to_phys(s2->root);
}
