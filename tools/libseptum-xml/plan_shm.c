/* Where a domain sees its shared-memory regions: what <septum:shmem> says,
 * else the defaults (public/septum.h): the n-th region's doorbell
 * registers at SEPTUM_SHM_WINDOW_BASE + n pages, its doorbell at INTID
 * SEPTUM_SHM_DEFAULT_VIRQ + n, the regions one after the other from the
 * end of the register pages. Checked against each other and the domain's
 * RAM and devices here, so that a mistake names its line; the hypervisor
 * checks again. */
#include <string.h>

#include "plan.h"

#define PAGE_SIZE 4096ull
#define REGIONS_BASE (SEPTUM_SHM_WINDOW_BASE + SEPTUM_SHM_REGS_SIZE)

static const struct desc_shmem_place *place_of(const struct domain_desc *desc, const char *name)
{
    for (size_t i = 0; i < desc->nr_shmem_place; i++)
        if (strcmp(desc->shmem_place[i].name, name) == 0)
            return &desc->shmem_place[i];
    return NULL;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

/* What else the domain has in its address space. */
static const char *taken_by(const struct domain_desc *desc, uint64_t ipa, uint64_t size)
{
    static const struct {
        uint64_t base, size;
        const char *what;
    } fixed[] = {
        {SEPTUM_GUEST_GICD_BASE, SEPTUM_GUEST_GICD_SIZE, "the GIC distributor"},
        {SEPTUM_GUEST_GICR_BASE, SEPTUM_GUEST_GICR_STRIDE * SEPTUM_MAX_VCPUS,
         "the GIC redistributors"},
        {SEPTUM_GUEST_UART_BASE, SEPTUM_GUEST_UART_SIZE, "the UART"},
    };

    if (overlaps(ipa, size, SEPTUM_GUEST_RAM_BASE, desc->memory))
        return "the domain's RAM";
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        if (overlaps(ipa, size, fixed[i].base, fixed[i].size))
            return fixed[i].what;
    return NULL;
}

static void check_one(const struct domain_desc *desc, struct diag_sink *d, const struct spot *at,
                      const struct septum_shm_attach *a, const struct septum_shm_attach *before,
                      size_t n)
{
    const char *what;

    if ((what = taken_by(desc, a->ipa, a->size)))
        diag_at(d, at, "region '%s' at 0x%llx overlaps %s", a->name, (unsigned long long)a->ipa,
                what);
    if ((what = taken_by(desc, a->regs_ipa, PAGE_SIZE)))
        diag_at(d, at, "the registers of '%s' at 0x%llx overlap %s", a->name,
                (unsigned long long)a->regs_ipa, what);
    if (overlaps(a->ipa, a->size, a->regs_ipa, PAGE_SIZE))
        diag_at(d, at, "the registers of '%s' are inside the region", a->name);
    if (a->virq == 32 + SEPTUM_GUEST_UART_SPI)
        diag_at(d, at, "INTID %u of '%s' is the UART's", a->virq, a->name);
    for (size_t i = 0; i < n; i++) {
        const struct septum_shm_attach *b = &before[i];

        if (overlaps(a->ipa, a->size, b->ipa, b->size) ||
            overlaps(a->ipa, a->size, b->regs_ipa, PAGE_SIZE) ||
            overlaps(a->regs_ipa, PAGE_SIZE, b->ipa, b->size) || a->regs_ipa == b->regs_ipa)
            diag_at(d, at, "region '%s' overlaps region '%s'", a->name, b->name);
        if (a->virq == b->virq)
            diag_at(d, at, "regions '%s' and '%s' both use INTID %u", b->name, a->name, a->virq);
    }
}

void plan_shm(const struct domain_desc *desc, struct diag_sink *d, struct domain_plan *p)
{
    uint64_t next = REGIONS_BASE;

    for (size_t i = 0; i < desc->nr_shmem_place; i++) {
        const struct desc_shmem_place *place = &desc->shmem_place[i];
        bool found = false;

        for (size_t j = 0; j < desc->nr_shmem; j++)
            found |= strcmp(desc->shmem[j].name, place->name) == 0;
        if (!found)
            diag_at(d, &place->at, "no <shmem name='%s'> in <devices>", place->name);
    }
    for (size_t i = 0; i < desc->nr_shmem; i++) {
        const struct desc_shmem *s = &desc->shmem[i];
        const struct desc_shmem_place *place = place_of(desc, s->name);
        struct septum_shm_attach *a = &p->shm[p->nr_shm];

        *a = (struct septum_shm_attach){.size = s->size,
                                        .regs_ipa = SEPTUM_SHM_WINDOW_BASE + i * PAGE_SIZE,
                                        .virq = SEPTUM_SHM_DEFAULT_VIRQ + (uint32_t)i};
        strncpy(a->name, s->name, sizeof(a->name) - 1);
        if (place && place->address) {
            a->ipa = place->address;
        } else {
            a->ipa = next;
            next += s->size;
        }
        if (place && place->registers)
            a->regs_ipa = place->registers;
        if (place && place->interrupt)
            a->virq = place->interrupt;
        check_one(desc, d, place ? &place->at : &s->at, a, p->shm, p->nr_shm);
        p->nr_shm++;
    }
}
