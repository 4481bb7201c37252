/* Named shared-memory regions with doorbells (public/septum.h, ABI 1.2).
 *
 * A region is memory from the free pool that two or more domains (its
 * peers) map; each peer also has a doorbell register page
 * (SEPTUM_SHM_REG_*, shm_doorbell.c) whose rings raise another peer's
 * virtual SPI.
 *
 * Locking. The region table's lock is taken only by attach (the control
 * domain's hypercall, or boot), to look a name up and reserve a slot; it
 * is never taken on any domain's exit, crash or stop path:
 *  - a ring finds its target through the region's peer table, whose
 *    entries are published and withdrawn with atomic stores, and holds the
 *    target domain by a reference (vm_get(), no lock) while it raises the
 *    SPI, which is itself lock-free (vgic_inject_spi());
 *  - a peer leaves (detach, or its domain's release) with atomic operations
 *    only: its peer entry cleared, its peer-id bit and its reference on the
 *    region dropped; the last reference gives the memory back to the pool
 *    (dirty: the pool zeroes it before anyone else gets it, see
 *    guest_ram.h) and frees the slot last.
 * So no domain ever waits for another on a ring, and a domain that is not
 * a peer of a region never touches anything of it. */
#ifndef SEPTUM_SHM_H
#define SEPTUM_SHM_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <public/septum.h>
#include <septum/hal.h>

struct vm;
struct vcpu;
struct shm_region;

/* A domain's attachment to one region: it lives in the domain (struct
 * vm), so a ring reading it through the region's peer table reads memory
 * that is never freed; the domain itself is held while it is used. */
struct shm_port {
    /* NULL: the slot is free. Atomic: the control domain's other vCPUs
     * may be ringing through the port while it detaches. */
    struct shm_region *_Atomic region;
    struct vm *vm; /* its domain's slot, held by id (vm_get_slot()) to ring it */
    unsigned domid;
    unsigned peer; /* index in the region's peer table */
    uint64_t ipa;
    uint64_t regs_ipa;
    unsigned virq;
    _Atomic uint32_t rings; /* rings received (SEPTUM_SHM_REG_RINGS) */
};

/* Ports per domain: every region there can be. */
#define SHM_PORTS_MAX SEPTUM_SHM_MAX_REGIONS

struct shm_ports {
    struct shm_port port[SHM_PORTS_MAX];
    /* The control domain's register window (SEPTUM_SHM_WINDOW_BASE): the
     * port whose registers are at page i, published atomically because
     * the control domain attaches while it runs. */
    struct shm_port *_Atomic window[SHM_PORTS_MAX];
};

struct shm_region {
    _Atomic int state; /* SHM_FREE, SHM_CREATING, SHM_LIVE */
    char name[SEPTUM_NAME_MAX];
    paddr_t pa;
    uint64_t size;
    /* One per attached or attaching peer; the last drop frees the region. */
    _Atomic unsigned refs;
    /* Peer ids in use (attached or attaching): set under the table lock,
     * cleared without it by a leaving peer. */
    _Atomic uint32_t ids;
    /* Attached peers, by peer id: what a ring looks at. */
    struct shm_port *_Atomic peers[SEPTUM_SHM_MAX_PEERS];
};

enum { SHM_FREE, SHM_CREATING, SHM_LIVE };

/* Device-table entries a domain needs for its doorbells. */
unsigned shm_device_count(const struct vm *vm);
/* At creation: the control domain's register window. */
int shm_domain_init(struct vm *vm);
/* When the domain is released: leaves every region (its stage 2 goes with
 * the domain). No shared lock. */
void shm_domain_release(struct vm *vm);

/* SEPTUM_HC_SHM_ATTACH for vm (CREATED, or the control domain): returns
 * the peer id or -errno, with nothing half-attached on failure. */
int shm_attach(struct vm *vm, const struct septum_shm_attach *req);
/* SEPTUM_HC_SHM_DETACH: -ENOENT if vm has no port on that region. */
int shm_detach(struct vm *vm, const char *name);
/* The domain's ports as DOMAIN_RESOURCES entries: fills up to cap and
 * returns how many there are. */
unsigned shm_resources(const struct vm *vm, struct septum_resource *out, unsigned cap);
/* Number of regions in use (the host tests' view of the table). */
unsigned shm_regions_in_use(void);

/* The doorbell register page (shm_doorbell.c): an access by a peer. */
int shm_doorbell_access(struct shm_port *port, uint64_t offset, unsigned size, bool write,
                        uint64_t *value);

#endif
