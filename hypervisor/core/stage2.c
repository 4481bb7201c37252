/* Stage-2 translation tables (septum/stage2.h). Levels count up from the
 * leaves: level 0 maps 4 KiB pages, level n blocks of 2^(9n) pages (the
 * RISC-V numbering; arm64's level 3 is our 0). Only the descriptor bits
 * are the architecture's (arch_stage2). */
#include <septum/config.h>
#include <septum/errno.h>
#include <septum/hal.h>
#include <septum/stage2.h>

#define ENTRY_BITS 9 /* 512 eight-byte entries in a 4 KiB table */
/* The root is the highest level that leaves at least 9 bits to index it:
 * 39 bits (arm64) -> 2, 41 bits (Sv39x4) -> 2 with 2048 entries, 48 -> 3. */
#define ROOT_LEVEL ((ARCH_IPA_BITS - PAGE_SHIFT - ENTRY_BITS) / ENTRY_BITS)
#define ROOT_ENTRIES (1u << (ARCH_IPA_BITS - PAGE_SHIFT - ENTRY_BITS * ROOT_LEVEL))
/* A power of two: hal_alloc_pages() aligns it to its size, as both arm64
 * (concatenated roots) and RISC-V (hgatp) need. */
#define ROOT_PAGES (ROOT_ENTRIES >> ENTRY_BITS)

_Static_assert(ROOT_PAGES >= 1 && ROOT_PAGES <= 8, "the root is 1 to 8 pages");

static unsigned level_shift(int level)
{
    return PAGE_SHIFT + ENTRY_BITS * (unsigned)level;
}

static unsigned entries_at(int level)
{
    return level == ROOT_LEVEL ? ROOT_ENTRIES : 1u << ENTRY_BITS;
}

static unsigned index_at(uint64_t ipa, int level)
{
    return (unsigned)(ipa >> level_shift(level)) & (entries_at(level) - 1);
}

static bool is_valid(uint64_t desc)
{
    return (desc & arch_stage2.valid) != 0;
}

/* At level 0 every valid entry is a leaf (arm64's page descriptor has the
 * bits of a table descriptor). */
static bool is_table(uint64_t desc, int level)
{
    return level > 0 && (desc & arch_stage2.table_mask) == arch_stage2.table_value;
}

static uint64_t addr_of(uint64_t desc)
{
    return (desc & arch_stage2.addr_mask) << arch_stage2.addr_shift;
}

static uint64_t *table_of(uint64_t desc)
{
    return hal_phys_to_virt(addr_of(desc));
}

static uint64_t leaf(uint64_t pa, enum stage2_type type, int level)
{
    uint64_t bits = arch_stage2.leaf_bits[type];

    return pa >> arch_stage2.addr_shift | bits | (level == 0 ? arch_stage2.page_bits : 0);
}

static enum stage2_type type_of(uint64_t desc)
{
    uint64_t mask = arch_stage2.type_mask;

    return (desc & mask) == (arch_stage2.leaf_bits[STAGE2_DEVICE] & mask) ? STAGE2_DEVICE
                                                                          : STAGE2_RAM;
}

int stage2_init(struct stage2 *s2, unsigned vmid)
{
    s2->root = hal_alloc_pages(ROOT_PAGES);
    if (!s2->root)
        return -ENOMEM;
    s2->vmid = vmid;
    s2->tables = 1;
    return 0;
}

static void free_tables(struct stage2 *s2, uint64_t *table, int level)
{
    for (unsigned i = 0; i < entries_at(level); i++) {
        if (is_table(table[i], level))
            free_tables(s2, table_of(table[i]), level - 1);
    }
    hal_free_pages(table, level == ROOT_LEVEL ? ROOT_PAGES : 1);
    s2->tables--;
}

void stage2_release(struct stage2 *s2)
{
    if (s2->root)
        free_tables(s2, s2->root, ROOT_LEVEL);
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
    *entry = hal_virt_to_phys(t) >> arch_stage2.addr_shift | arch_stage2.table_bits;
    return t;
}

static bool in_range(uint64_t ipa, uint64_t size)
{
    uint64_t limit = 1ull << ARCH_IPA_BITS;

    return size <= limit && ipa <= limit - size;
}

/* The highest level whose leaf the addresses and the size allow. */
static int leaf_level(uint64_t ipa, uint64_t pa, uint64_t size)
{
    for (int level = (int)arch_stage2.largest_leaf; level > 0; level--) {
        uint64_t step = 1ull << level_shift(level);

        if (((ipa | pa) & (step - 1)) == 0 && size >= step)
            return level;
    }
    return 0;
}

int stage2_map(struct stage2 *s2, uint64_t ipa, uint64_t pa, uint64_t size, enum stage2_type type)
{
    if (((ipa | pa | size) & (PAGE_SIZE - 1)) || size == 0 || !in_range(ipa, size))
        return -EINVAL;
    while (size) {
        int level = leaf_level(ipa, pa, size);
        uint64_t step = 1ull << level_shift(level);
        uint64_t *table = s2->root;

        for (int l = ROOT_LEVEL; l > level; l--) {
            uint64_t *entry = &table[index_at(ipa, l)];

            if (is_valid(*entry) && !is_table(*entry, l))
                return -EEXIST; /* a larger leaf already maps this range */
            table = next_table(s2, entry, l);
            if (!table)
                return -ENOMEM;
        }
        if (is_valid(table[index_at(ipa, level)]))
            return -EEXIST;
        table[index_at(ipa, level)] = leaf(pa, type, level);
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
    for (int level = ROOT_LEVEL; level >= 0; level--) {
        uint64_t *entry = &table[index_at(ipa, level)];

        if (!is_valid(*entry))
            return NULL;
        if (!is_table(*entry, level)) {
            *level_out = level;
            return entry;
        }
        table = table_of(*entry);
    }
    return NULL;
}

int stage2_unmap(struct stage2 *s2, uint64_t ipa, uint64_t size)
{
    if (((ipa | size) & (PAGE_SIZE - 1)) || !in_range(ipa, size))
        return -EINVAL;
    while (size) {
        int level;
        uint64_t *entry = find_leaf(s2, ipa, &level);
        uint64_t step = entry ? 1ull << level_shift(level) : PAGE_SIZE;

        if (entry && ((ipa & (step - 1)) || size < step))
            return -EINVAL;
        if (entry)
            *entry = 0;
        ipa += step;
        size = size > step ? size - step : 0;
    }
    return 0;
}

int stage2_lookup(const struct stage2 *s2, uint64_t ipa, uint64_t *pa, enum stage2_type *type)
{
    int level;
    uint64_t *entry = find_leaf(s2, ipa, &level);
    uint64_t offset_mask;

    if (!entry)
        return -EFAULT;
    offset_mask = (1ull << level_shift(level)) - 1;
    *pa = (addr_of(*entry) & ~offset_mask) | (ipa & offset_mask);
    if (type)
        *type = type_of(*entry);
    return 0;
}
