/* Shared-memory regions with doorbells (public/septum.h, "Shared memory"):
 * found in the device tree (compatible SEPTUM_SHM_COMPATIBLE), rung through
 * the doorbell register page, waited on through the doorbell's SPI. */
#ifndef GUEST_SHM_H
#define GUEST_SHM_H

#include <stdbool.h>
#include <stdint.h>
#include <public/septum.h>
#include <septum/fdt.h>

struct shm {
    uintptr_t regs; /* the doorbell register page */
    uintptr_t mem;  /* the region */
    uint64_t size;
    unsigned intid; /* the doorbell's SPI */
    char name[SEPTUM_NAME_MAX];
};

/* The region called name (or the first one, name NULL) in the device tree:
 * 0, or -ENOENT / -EINVAL (a node without reg or interrupts). */
int shm_find(const struct fdt *fdt, const char *name, struct shm *out);

static inline uint32_t shm_reg(const struct shm *s, unsigned offset)
{
    return *(volatile uint32_t *)(s->regs + offset);
}

/* Rings peer (or SEPTUM_SHM_RING_ALL). */
static inline void shm_ring(const struct shm *s, uint32_t peer)
{
    *(volatile uint32_t *)(s->regs + SEPTUM_SHM_REG_DOORBELL) = peer;
}

/* The lowest attached peer id other than this one, or -1. */
int shm_other_peer(const struct shm *s);

/* Routes the doorbell's SPI to the CPU with this MPIDR, enables it, and
 * counts its arrivals (shm_doorbells()); the GIC and the CPU interface
 * must be set up already (gic_dist_enable(), gic_redist_wake(),
 * gic_cpu_interface_enable()). The guest's IRQ handler passes every
 * INTID to shm_irq(). */
void shm_irq_setup(const struct shm *s, uint64_t mpidr);
/* True if intid was the doorbell's (then it is counted; the caller ends it). */
bool shm_irq(unsigned intid);
uint32_t shm_doorbells(void);

/* Sleeps until the doorbell count differs from seen, or deadline (a
 * timer_count() value) passes; returns the count. */
uint32_t shm_wait(uint32_t seen, uint64_t deadline);

#endif
