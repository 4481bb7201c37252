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

int aspace_translate(const struct aspace *as, uint64_t ipa, uint64_t len, paddr_t *pa)
{
    for (unsigned i = 0; i < as->nr_ram; i++) {
        const struct ram_range *r = &as->ram[i];

        /* Written so that no sum can overflow: ipa and len are guest-chosen. */
        if (ipa >= r->ipa && ipa - r->ipa < r->size && len <= r->size - (ipa - r->ipa)) {
            *pa = r->pa + (ipa - r->ipa);
            return 0;
        }
    }
    return -EFAULT;
}

int aspace_copy_to_guest(struct aspace *as, uint64_t ipa, const void *src, uint64_t len)
{
    paddr_t pa;
    int err = aspace_translate(as, ipa, len, &pa);

    if (err)
        return err;
    memcpy(hal_phys_to_virt(pa), src, len);
    hal_sync_for_guest(pa, len);
    return 0;
}

int aspace_copy_from_guest(const struct aspace *as, void *dst, uint64_t ipa, uint64_t len)
{
    paddr_t pa;
    int err = aspace_translate(as, ipa, len, &pa);

    if (err)
        return err;
    memcpy(dst, hal_phys_to_virt(pa), len);
    return 0;
}

void aspace_scrub(struct aspace *as)
{
    for (unsigned i = 0; i < as->nr_ram; i++) {
        memset(hal_phys_to_virt(as->ram[i].pa), 0, as->ram[i].size);
        hal_sync_for_guest(as->ram[i].pa, as->ram[i].size);
    }
}
