/* Device manager: a domain's emulated MMIO ranges. The table is allocated
 * once, when the domain is created, and kept sorted by base address so that
 * the exit path finds a device with a binary search and no allocation. */
#ifndef SEPTUM_DEVMGR_H
#define SEPTUM_DEVMGR_H

#include <stdbool.h>
#include <stdint.h>
#include <septum/config.h>

struct vcpu;

/* Handles one access of size 1, 2, 4 or 8 bytes at offset within the
 * region; on a read the handler stores the value in *value. Returns 0 or a
 * negative error, which stops the domain as a device violation. */
typedef int (*mmio_handler)(void *opaque, struct vcpu *vcpu, uint64_t offset, unsigned size,
                            bool write, uint64_t *value);

/* Activity counters are kept per physical CPU, and a CPU writes only its
 * own: a domain's exits run on its vCPUs' own pCPUs, and a device raising
 * an interrupt from elsewhere (console input from the control domain)
 * counts on the CPU that does it. No counter is written by two CPUs at
 * once, and each CPU's set sits in a cache line of its own;
 * devmgr_sum_counters() adds them up. */
struct mmio_counters {
    uint64_t reads;
    uint64_t writes;
    uint64_t irqs; /* interrupts the device raised, counted by its emulation */
} __attribute__((aligned(64)));

struct mmio_device {
    uint64_t base;
    uint64_t size;
    mmio_handler handler;
    void *opaque;
    const char *name;
    struct mmio_counters count[MAX_PCPUS];
};

struct devmgr {
    struct mmio_device *devices;
    unsigned count;
    unsigned capacity;
    /* The device each CPU found last: a hint, checked first. Per CPU like
     * the counters, so that CPUs do not overwrite each other's. */
    struct mmio_device *last[MAX_PCPUS];
};

int devmgr_init(struct devmgr *dm, unsigned capacity);
void devmgr_release(struct devmgr *dm);
/* Adds a range; -ENOSPC when the table is full, -EEXIST on overlap. */
int devmgr_register(struct devmgr *dm, uint64_t base, uint64_t size, mmio_handler handler,
                    void *opaque, const char *name);
/* Removes the range registered at base; -ENOENT if none. Only while the
 * domain cannot run (its exits look the table up without a lock). */
int devmgr_unregister(struct devmgr *dm, uint64_t base);
struct mmio_device *devmgr_find(struct devmgr *dm, uint64_t address);
/* Dispatches an access; -ENODEV when no device covers address. */
int devmgr_access(struct devmgr *dm, struct vcpu *vcpu, uint64_t address, unsigned size, bool write,
                  uint64_t *value);
/* A device model raised its interrupt: counted for the device at address. */
void devmgr_count_irq(struct devmgr *dm, uint64_t address);
/* Device index's counters, all CPUs added up. */
void devmgr_sum_counters(const struct devmgr *dm, unsigned index, struct mmio_counters *out);
void devmgr_reset_counters(struct devmgr *dm);

#endif
