/* Device manager: a domain's emulated MMIO ranges. The table is allocated
 * once, when the domain is created, and kept sorted by base address so that
 * the exit path finds a device with a binary search and no allocation. */
#ifndef SEPTUM_DEVMGR_H
#define SEPTUM_DEVMGR_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* Handles one access of size 1, 2, 4 or 8 bytes at offset within the
 * region; on a read the handler stores the value in *value. Returns 0 or a
 * negative error, which stops the domain as a device violation. */
typedef int (*mmio_handler)(void *opaque, struct vcpu *vcpu, uint64_t offset, unsigned size,
                            bool write, uint64_t *value);

struct mmio_device {
    uint64_t base;
    uint64_t size;
    mmio_handler handler;
    void *opaque;
    const char *name;
    uint64_t reads;
    uint64_t writes;
    uint64_t irqs; /* interrupts the device raised, counted by its emulation */
};

struct devmgr {
    struct mmio_device *devices;
    unsigned count;
    unsigned capacity;
    unsigned last; /* index of the device found last: a hint, checked first */
};

int devmgr_init(struct devmgr *dm, unsigned capacity);
void devmgr_release(struct devmgr *dm);
/* Adds a range; -ENOSPC when the table is full, -EEXIST on overlap. */
int devmgr_register(struct devmgr *dm, uint64_t base, uint64_t size, mmio_handler handler,
                    void *opaque, const char *name);
struct mmio_device *devmgr_find(struct devmgr *dm, uint64_t address);
/* Dispatches an access; -ENODEV when no device covers address. */
int devmgr_access(struct devmgr *dm, struct vcpu *vcpu, uint64_t address, unsigned size, bool write,
                  uint64_t *value);
void devmgr_reset_counters(struct devmgr *dm);

#endif
