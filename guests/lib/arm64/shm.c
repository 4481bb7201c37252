/* Shared-memory regions with doorbells: discovery and waiting. */
#include <septum/errno.h>
#include <septum/string.h>
#include "gic.h"
#include "shm.h"
#include "timer.h"

#define DOORBELL_PRIORITY 0xa0
#define GIC_SPI 0

static unsigned doorbell_intid;
static volatile uint32_t doorbells; /* written by the IRQ handler only */

int shm_find(const struct fdt *fdt, const char *name, struct shm *out)
{
    int root = fdt_root(fdt);
    int ac = fdt_address_cells(fdt, root), sc = fdt_size_cells(fdt, root);

    for (int n = fdt_find_compatible(fdt, -1, SEPTUM_SHM_COMPATIBLE); n >= 0;
         n = fdt_find_compatible(fdt, n, SEPTUM_SHM_COMPATIBLE)) {
        const char *region = fdt_prop_string(fdt, n, "septum,name");
        const uint8_t *irq;
        uint64_t regs, regs_size, mem;
        uint32_t len;

        if (!region || (name && strcmp(region, name) != 0))
            continue;
        irq = fdt_prop(fdt, n, "interrupts", &len);
        if (!irq || len != 12 || fdt_read_u32(irq) != GIC_SPI ||
            fdt_reg(fdt, n, ac, sc, 0, &regs, &regs_size) ||
            fdt_reg(fdt, n, ac, sc, 1, &mem, &out->size) || strlen(region) >= sizeof(out->name))
            return -EINVAL;
        out->mem = (uintptr_t)mem;
        out->regs = (uintptr_t)regs;
        out->intid = 32 + fdt_read_u32(irq + 4);
        memcpy(out->name, region, strlen(region) + 1);
        return 0;
    }
    return -ENOENT;
}

int shm_other_peer(const struct shm *s)
{
    uint32_t others = shm_reg(s, SEPTUM_SHM_REG_PEERS) & ~(1u << shm_reg(s, SEPTUM_SHM_REG_ID));

    return others ? __builtin_ctz(others) : -1;
}

void shm_irq_setup(const struct shm *s, uint64_t mpidr)
{
    doorbell_intid = s->intid;
    gic_spi_configure(s->intid, DOORBELL_PRIORITY);
    gic_spi_route(s->intid, mpidr);
    gic_spi_enable(s->intid, true);
}

bool shm_irq(unsigned intid)
{
    if (intid != doorbell_intid)
        return false;
    doorbells = doorbells + 1;
    return true;
}

uint32_t shm_doorbells(void)
{
    return doorbells;
}

uint32_t shm_wait(uint32_t seen, uint64_t deadline)
{
    /* Checked with interrupts masked: a doorbell between the check and
     * the WFI still wakes it (WFI wakes on a pending interrupt even when
     * masked), and is taken once they are unmasked. */
    for (;;) {
        irq_disable();
        if (doorbells != seen || timer_passed(deadline))
            break;
        __asm__ volatile("wfi" ::: "memory");
        irq_enable();
    }
    irq_enable();
    return doorbells;
}
