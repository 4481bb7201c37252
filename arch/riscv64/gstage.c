/* G-stage translation tables (RISC-V privileged spec, "Two-Stage Address
 * Translation"): Sv39 with a root widened to 2048 entries. Leaves carry U
 * (G-stage accesses count as user accesses) and A/D preset, so that a
 * hart without hardware A/D updating never faults on them. */
#include <septum/errno.h>
#include <septum/hal.h>
#include <arch/csr.h>
#include <septum/arch.h>
#include <septum/config.h>
#include <arch/gstage.h>

#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_U (1ull << 4)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define PTE_LEAF (PTE_R | PTE_W | PTE_X)
#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK (((1ull << 44) - 1) << PTE_PPN_SHIFT)
#define ROOT_LEVEL 2
#define ROOT_ENTRIES 2048
#define ENTRIES 512
/* Largest leaf used: 1 GiB at the root. */
#define LARGEST_LEAF ROOT_LEVEL

static unsigned level_shift(int level)
{
    return PAGE_SHIFT + 9u * (unsigned)level;
}

static unsigned index_at(uint64_t ipa, int level)
{
    unsigned entries = level == ROOT_LEVEL ? ROOT_ENTRIES : ENTRIES;

    return (unsigned)(ipa >> level_shift(level)) & (entries - 1);
}

static uint64_t pte_pa(uint64_t pte)
{
    return (pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT << PAGE_SHIFT;
}

static uint64_t pte_of(uint64_t pa)
{
    return pa >> PAGE_SHIFT << PTE_PPN_SHIFT;
}

static uint64_t leaf_bits(enum stage2_type type)
{
    uint64_t bits = PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D;

    return type == STAGE2_DEVICE ? bits : bits | PTE_X;
}

static bool is_table(uint64_t pte)
{
    return (pte & PTE_V) && !(pte & PTE_LEAF);
}

static uint64_t *table_of(uint64_t pte)
{
    return hal_phys_to_virt(pte_pa(pte));
}

int arch_stage2_init(struct stage2 *s2, unsigned vmid)
{
    /* hal.h: a power-of-two number of pages comes aligned to its size, as
     * hgatp needs the 16 KiB root to be. */
    s2->root = hal_alloc_pages(GSTAGE_ROOT_PAGES);
    if (!s2->root)
        return -ENOMEM;
    s2->vmid = vmid;
    s2->tables = 1;
    return 0;
}

static void free_tables(struct stage2 *s2, uint64_t *table, int level)
{
    unsigned entries = level == ROOT_LEVEL ? ROOT_ENTRIES : ENTRIES;

    for (unsigned i = 0; i < entries; i++) {
        if (is_table(table[i]))
            free_tables(s2, table_of(table[i]), level - 1);
    }
    hal_free_pages(table, level == ROOT_LEVEL ? GSTAGE_ROOT_PAGES : 1);
    s2->tables--;
}

void arch_stage2_release(struct stage2 *s2)
{
    if (s2->root)
        free_tables(s2, s2->root, ROOT_LEVEL);
    s2->root = NULL;
}

/* The next-level table under *entry, created when absent. */
static uint64_t *next_table(struct stage2 *s2, uint64_t *entry)
{
    uint64_t *t;

    if (is_table(*entry))
        return table_of(*entry);
    t = hal_alloc_pages(1);
    if (!t)
        return NULL;
    s2->tables++;
    *entry = pte_of(hal_virt_to_phys(t)) | PTE_V;
    return t;
}

static bool in_range(uint64_t ipa, uint64_t size)
{
    uint64_t limit = 1ull << ARCH_IPA_BITS;

    return size <= limit && ipa <= limit - size;
}

/* The highest level whose page the addresses and size allow. */
static int leaf_level(uint64_t ipa, uint64_t pa, uint64_t size)
{
    for (int level = LARGEST_LEAF; level > 0; level--) {
        uint64_t step = 1ull << level_shift(level);

        if (((ipa | pa) & (step - 1)) == 0 && size >= step)
            return level;
    }
    return 0;
}

int arch_stage2_map(struct stage2 *s2, uint64_t ipa, uint64_t pa, uint64_t size,
                    enum stage2_type type)
{
    if (((ipa | pa | size) & (PAGE_SIZE - 1)) || size == 0 || !in_range(ipa, size))
        return -EINVAL;
    while (size) {
        int leaf = leaf_level(ipa, pa, size);
        uint64_t step = 1ull << level_shift(leaf);
        uint64_t *table = s2->root;

        for (int level = ROOT_LEVEL; level > leaf; level--) {
            uint64_t *entry = &table[index_at(ipa, level)];

            if ((*entry & PTE_V) && !is_table(*entry))
                return -EEXIST; /* a larger page already maps this range */
            table = next_table(s2, entry);
            if (!table)
                return -ENOMEM;
        }
        if (table[index_at(ipa, leaf)] & PTE_V)
            return -EEXIST;
        table[index_at(ipa, leaf)] = pte_of(pa) | leaf_bits(type);
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

        if (!(*entry & PTE_V))
            return NULL;
        if (!is_table(*entry)) {
            *level_out = level;
            return entry;
        }
        if (level == 0)
            return NULL; /* a table pointer at the last level: malformed */
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

        /* Splitting a large page is not supported: unmaps follow maps. */
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
    *pa = (pte_pa(*entry) & ~offset_mask) | (ipa & offset_mask);
    if (type)
        *type = (*entry & PTE_X) ? STAGE2_RAM : STAGE2_DEVICE;
    return 0;
}

uint64_t gstage_hgatp(const struct stage2 *s2)
{
    return HGATP_MODE_SV39X4 | ((uint64_t)s2->vmid & HGATP_VMID_MASK) << HGATP_VMID_SHIFT |
           hal_virt_to_phys(s2->root) >> PAGE_SHIFT;
}
