/* Guest-physical address spaces: RAM ranges over stage-2 tables, and copies
 * that check every byte against the ranges before touching memory. */
#include <septum/aspace.h>
#include <septum/errno.h>
#include <septum/string.h>

int aspace_init(struct aspace *as, unsigned vmid)
{
    *as = (struct aspace){0};
    return stage2_init(&as->s2, vmid);
}

void aspace_release(struct aspace *as)
{
    stage2_release(&as->s2);
    as->nr_ram = 0;
}

int aspace_map_ram(struct aspace *as, uint64_t ipa, paddr_t pa, uint64_t size)
{
    int err;

    if (as->nr_ram == ASPACE_MAX_RAM)
        return -ENOSPC;
    err = stage2_map(&as->s2, ipa, pa, size, STAGE2_RAM);
    if (err) {
        stage2_unmap(&as->s2, ipa, size);
        return err;
    }
    as->ram[as->nr_ram++] = (struct ram_range){.ipa = ipa, .pa = pa, .size = size};
    return 0;
}

int aspace_map_device(struct aspace *as, uint64_t ipa, paddr_t pa, uint64_t size)
{
    int err = stage2_map(&as->s2, ipa, pa, size, STAGE2_DEVICE);

    if (err)
        stage2_unmap(&as->s2, ipa, size);
    return err;
}

bool aspace_is_unmapped(const struct aspace *as, uint64_t ipa, uint64_t size)
{
    for (uint64_t off = 0; off < size; off += PAGE_SIZE) {
        uint64_t pa;
        enum stage2_type type;

        if (stage2_lookup(&as->s2, ipa + off, &pa, &type) == 0)
            return false;
    }
    return true;
}

int aspace_map_shared(struct aspace *as, uint64_t ipa, paddr_t pa, uint64_t size)
{
    int err;

    if (!aspace_is_unmapped(as, ipa, size))
        return -EEXIST;
    /* Nothing was mapped there: undoing a partial map removes only ours. */
    err = stage2_map(&as->s2, ipa, pa, size, STAGE2_RAM);
    if (err)
        stage2_unmap(&as->s2, ipa, size);
    return err;
}

void aspace_unmap(struct aspace *as, uint64_t ipa, uint64_t size)
{
    stage2_unmap(&as->s2, ipa, size);
}

int aspace_piece(const struct aspace *as, uint64_t ipa, uint64_t len, paddr_t *pa, uint64_t *piece)
{
    for (unsigned i = 0; i < as->nr_ram; i++) {
        const struct ram_range *r = &as->ram[i];

        /* Written so that no sum can overflow: ipa and len are guest-chosen. */
        if (ipa >= r->ipa && ipa - r->ipa < r->size) {
            uint64_t room = r->size - (ipa - r->ipa);

            *pa = r->pa + (ipa - r->ipa);
            *piece = len < room ? len : room;
            return 0;
        }
    }
    return -EFAULT;
}

int aspace_translate(const struct aspace *as, uint64_t ipa, uint64_t len, paddr_t *pa)
{
    uint64_t piece;

    if (aspace_piece(as, ipa, len, pa, &piece) || piece != len)
        return -EFAULT;
    return 0;
}

bool aspace_is_ram(const struct aspace *as, uint64_t ipa, uint64_t len)
{
    paddr_t pa;
    uint64_t piece;

    /* At most one pass per extent: each piece ends at an extent's end. */
    do {
        if (aspace_piece(as, ipa, len, &pa, &piece))
            return false;
        ipa += piece;
        len -= piece;
    } while (len);
    return true;
}

int aspace_copy_to_guest(struct aspace *as, uint64_t ipa, const void *src, uint64_t len)
{
    const char *from = src;
    paddr_t pa;
    uint64_t piece;

    if (!aspace_is_ram(as, ipa, len))
        return -EFAULT;
    for (; len; ipa += piece, from += piece, len -= piece) {
        if (aspace_piece(as, ipa, len, &pa, &piece))
            return -EFAULT; /* not after aspace_is_ram(); says so to the compiler */
        memcpy(hal_phys_to_virt(pa), from, piece);
        hal_sync_for_guest(pa, piece);
    }
    return 0;
}

int aspace_copy_from_guest(const struct aspace *as, void *dst, uint64_t ipa, uint64_t len)
{
    char *to = dst;
    paddr_t pa;
    uint64_t piece;

    if (!aspace_is_ram(as, ipa, len))
        return -EFAULT;
    for (; len; ipa += piece, to += piece, len -= piece) {
        if (aspace_piece(as, ipa, len, &pa, &piece))
            return -EFAULT; /* not after aspace_is_ram(); says so to the compiler */
        memcpy(to, hal_phys_to_virt(pa), piece);
    }
    return 0;
}

void aspace_scrub(struct aspace *as)
{
    for (unsigned i = 0; i < as->nr_ram; i++)
        hal_zero_for_guest(as->ram[i].pa, as->ram[i].size);
}
