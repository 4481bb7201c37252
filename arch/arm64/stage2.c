/* Stage-2 translation tables (Arm ARM D8, VMSAv8-64 stage 2). Descriptors
 * carry the memory type in MemAttr[5:2] directly, not through a MAIR. */
#include <septum/errno.h>
#include <septum/hal.h>
#include <arch/stage2.h>

#define DESC_VALID (1ull << 0)
#define DESC_TABLE (1ull << 1) /* at levels 1-2; at level 3 it marks a page */
#define DESC_MEMATTR_NORMAL_WB (0xfull << 2)
#define DESC_MEMATTR_DEVICE (0x0ull << 2)
#define DESC_S2AP_RW (3ull << 6)
#define DESC_SH_INNER (3ull << 8)
#define DESC_AF (1ull << 10)
#define DESC_XN (1ull << 54)
#define DESC_ADDR_MASK 0x0000fffffffff000ull
#define ENTRIES 512
#define LAST_LEVEL 3

static unsigned level_shift(int level)
{
    return PAGE_SHIFT + 9u * (unsigned)(LAST_LEVEL - level);
}

static unsigned index_at(uint64_t ipa, int level)
{
    return (unsigned)(ipa >> level_shift(level)) & (ENTRIES - 1);
}

static uint64_t leaf_bits(enum stage2_type type, int level)
{
    uint64_t bits = DESC_VALID | DESC_S2AP_RW | DESC_AF;

    bits |= level == LAST_LEVEL ? DESC_TABLE : 0;
    if (type == STAGE2_DEVICE)
        return bits | DESC_MEMATTR_DEVICE | DESC_XN;
    return bits | DESC_MEMATTR_NORMAL_WB | DESC_SH_INNER;
}

static uint64_t *table_of(uint64_t desc)
{
    return hal_phys_to_virt(desc & DESC_ADDR_MASK);
}

static bool is_table(uint64_t desc, int level)
{
    return level < LAST_LEVEL && (desc & (DESC_VALID | DESC_TABLE)) == (DESC_VALID | DESC_TABLE);
}

int arch_stage2_init(struct stage2 *s2, unsigned vmid)
{
    s2->root = hal_alloc_pages(1);
    if (!s2->root)
        return -ENOMEM;
    s2->vmid = vmid;
    s2->tables = 1;
    return 0;
}

static void free_tables(struct stage2 *s2, uint64_t *table, int level)
{
    for (unsigned i = 0; i < ENTRIES; i++) {
        if (is_table(table[i], level))
            free_tables(s2, table_of(table[i]), level + 1);
    }
    hal_free_pages(table, 1);
    s2->tables--;
}

void arch_stage2_release(struct stage2 *s2)
{
    if (s2->root)
        free_tables(s2, s2->root, 1);
    s2->root = NULL;
}

/* The next-level table under *entry, created when absent. */
static uint64_t *next_table(struct stage2 *s2, uint64_t *entry, int level)
{
    uint64_t *t;

    if (is_table(*entry, level))
        return table_of(*entry);
    t = hal_alloc_pages(1);
    if (!t)
        return NULL;
    s2->tables++;
    *entry = hal_virt_to_phys(t) | DESC_VALID | DESC_TABLE;
    return t;
}

static bool in_range(uint64_t ipa, uint64_t size)
{
    uint64_t limit = 1ull << ARCH_IPA_BITS;

    return size <= limit && ipa <= limit - size;
}

int arch_stage2_map(struct stage2 *s2, uint64_t ipa, uint64_t pa, uint64_t size,
                    enum stage2_type type)
{
    if (((ipa | pa | size) & (PAGE_SIZE - 1)) || size == 0 || !in_range(ipa, size))
        return -EINVAL;
    while (size) {
        /* Level 2 blocks where the IPA, the PA and the remaining size allow. */
        int leaf = (((ipa | pa) & (BLOCK_SIZE - 1)) == 0 && size >= BLOCK_SIZE) ? 2 : 3;
        uint64_t step = 1ull << level_shift(leaf);
        uint64_t *table = s2->root;

        for (int level = 1; level < leaf; level++) {
            uint64_t *entry = &table[index_at(ipa, level)];

            if ((*entry & DESC_VALID) && !is_table(*entry, level))
                return -EEXIST; /* a block already maps this range */
            table = next_table(s2, entry, level);
            if (!table)
                return -ENOMEM;
        }
        if (table[index_at(ipa, leaf)] & DESC_VALID)
            return -EEXIST;
        table[index_at(ipa, leaf)] = pa | leaf_bits(type, leaf);
        ipa += step;
        pa += step;
        size -= step;
    }
    return 0;
}

/* The leaf entry mapping ipa and its level, or NULL. */
static uint64_t *find_leaf(const struct stage2 *s2, uint64_t ipa, int *level_out)
{
    uint64_t *table = s2->root;

    if (!in_range(ipa, 1))
        return NULL;
    for (int level = 1; level <= LAST_LEVEL; level++) {
        uint64_t *entry = &table[index_at(ipa, level)];

        if (!(*entry & DESC_VALID))
            return NULL;
        if (!is_table(*entry, level)) {
            *level_out = level;
            return entry;
        }
        table = table_of(*entry);
    }
    return NULL;
}

int arch_stage2_unmap(struct stage2 *s2, uint64_t ipa, uint64_t size)
{
    if (((ipa | size) & (PAGE_SIZE - 1)) || !in_range(ipa, size))
        return -EINVAL;
    while (size) {
        int level;
        uint64_t *entry = find_leaf(s2, ipa, &level);
        uint64_t step = entry ? 1ull << level_shift(level) : PAGE_SIZE;

        /* Splitting a block is not supported: unmaps follow earlier maps. */
        if (entry && ((ipa & (step - 1)) || size < step))
            return -EINVAL;
        if (entry)
            *entry = 0;
        ipa += step;
        size = size > step ? size - step : 0;
    }
    return 0;
}

int arch_stage2_lookup(const struct stage2 *s2, uint64_t ipa, uint64_t *pa, enum stage2_type *type)
{
    int level;
    uint64_t *entry = find_leaf(s2, ipa, &level);
    uint64_t offset_mask;

    if (!entry)
        return -EFAULT;
    offset_mask = (1ull << level_shift(level)) - 1;
    *pa = (*entry & DESC_ADDR_MASK & ~offset_mask) | (ipa & offset_mask);
    if (type)
        *type = (*entry & (0xfull << 2)) == DESC_MEMATTR_DEVICE ? STAGE2_DEVICE : STAGE2_RAM;
    return 0;
}

uint64_t stage2_vttbr(const struct stage2 *s2)
{
    return (uint64_t)s2->vmid << 48 | hal_virt_to_phys(s2->root);
}
