/* The doorbell register page each peer of a shared-memory region sees
 * (SEPTUM_SHM_REG_* in public/septum.h): identification, the peers present,
 * and a doorbell whose write raises another peer's virtual SPI. Reached
 * from the ringing peer's exit path: no lock, the target held by a
 * reference while its SPI is raised (see septum/shm.h). */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/shm.h>
#include <septum/vm.h>

/* Peer ids attached now: a bit per published peer. */
static uint32_t peer_bitmap(struct shm_region *r)
{
    uint32_t map = 0;

    for (unsigned i = 0; i < SEPTUM_SHM_MAX_PEERS; i++) {
        if (atomic_load_explicit(&r->peers[i], memory_order_acquire))
            map |= 1u << i;
    }
    return map;
}

/* Raises peer id's interrupt. The port read from the peer table may be
 * leaving, or its domain being released: the domain is held only if its
 * slot still is that domain, and the port must still be on this region. */
static void ring(struct shm_region *r, unsigned id)
{
    struct shm_port *p = atomic_load_explicit(&r->peers[id], memory_order_acquire);
    struct vm *vm;

    if (!p)
        return; /* a peer that left: the ring is lost, as a doorbell to nobody */
    vm = vm_get_slot(p->vm, p->domid);
    if (!vm)
        return;
    if (p->region == r) {
        atomic_fetch_add_explicit(&p->rings, 1, memory_order_relaxed);
        vm_raise_irq(vm, p->virq);
        devmgr_count_irq(&vm->devices, p->regs_ipa);
    }
    vm_put(vm);
}

static void doorbell(struct shm_port *self, struct shm_region *r, uint32_t target)
{
    if (target == SEPTUM_SHM_RING_ALL) {
        for (unsigned i = 0; i < SEPTUM_SHM_MAX_PEERS; i++) {
            if (i != self->peer)
                ring(r, i);
        }
    } else if (target < SEPTUM_SHM_MAX_PEERS) {
        ring(r, target);
    }
    /* Any other value names no peer: ignored, as a ring to one that left. */
}

static uint64_t read_register(struct shm_port *p, struct shm_region *r, uint64_t offset)
{
    switch (offset) {
    case SEPTUM_SHM_REG_MAGIC:
        return SEPTUM_SHM_MAGIC;
    case SEPTUM_SHM_REG_ID:
        return p->peer;
    case SEPTUM_SHM_REG_PEERS:
        return peer_bitmap(r);
    case SEPTUM_SHM_REG_RINGS:
        return atomic_load_explicit(&p->rings, memory_order_relaxed);
    case SEPTUM_SHM_REG_SIZE:
        return (uint32_t)r->size;
    case SEPTUM_SHM_REG_SIZE + 4:
        return r->size >> 32;
    default:
        return 0; /* reserved: reads as zero */
    }
}

int shm_doorbell_access(struct shm_port *port, uint64_t offset, unsigned size, bool write,
                        uint64_t *value)
{
    struct shm_region *r = port->region;
    bool size64 = offset == SEPTUM_SHM_REG_SIZE && size == 8;

    /* 32-bit registers, aligned; SIZE may also be read whole. */
    if ((size != 4 && !size64) || offset % size)
        return -EINVAL;
    if (!write)
        *value = !r ? 0 : size64 ? r->size : read_register(port, r, offset);
    else if (r && offset == SEPTUM_SHM_REG_DOORBELL)
        doorbell(port, r, (uint32_t)*value);
    /* A port detached meanwhile reads as zero; writes to the read-only
     * registers are ignored. */
    return 0;
}
