/* The device manager: sorted MMIO ranges, binary search on the exit path. */
#include <septum/devmgr.h>
#include <septum/errno.h>
#include <septum/hal.h>
#include <septum/string.h>

#define PAGE_SIZE 4096u

static size_t table_pages(unsigned capacity)
{
    return (capacity * sizeof(struct mmio_device) + PAGE_SIZE - 1) / PAGE_SIZE;
}

int devmgr_init(struct devmgr *dm, unsigned capacity)
{
    *dm = (struct devmgr){0};
    if (capacity == 0)
        return 0;
    dm->devices = hal_alloc_pages(table_pages(capacity));
    if (!dm->devices)
        return -ENOMEM;
    dm->capacity = capacity;
    return 0;
}

void devmgr_release(struct devmgr *dm)
{
    if (dm->devices)
        hal_free_pages(dm->devices, table_pages(dm->capacity));
    *dm = (struct devmgr){0};
}

int devmgr_register(struct devmgr *dm, uint64_t base, uint64_t size, mmio_handler handler,
                    void *opaque, const char *name)
{
    unsigned pos = 0;

    if (size == 0 || base + size < base || !handler)
        return -EINVAL;
    if (dm->count == dm->capacity)
        return -ENOSPC;
    while (pos < dm->count && dm->devices[pos].base < base)
        pos++;
    if ((pos > 0 && dm->devices[pos - 1].base + dm->devices[pos - 1].size > base) ||
        (pos < dm->count && base + size > dm->devices[pos].base))
        return -EEXIST;
    memmove(&dm->devices[pos + 1], &dm->devices[pos], (dm->count - pos) * sizeof(dm->devices[0]));
    dm->devices[pos] = (struct mmio_device){
        .base = base, .size = size, .handler = handler, .opaque = opaque, .name = name};
    dm->count++;
    return 0;
}

struct mmio_device *devmgr_find(struct devmgr *dm, uint64_t address)
{
    unsigned lo = 0, hi = dm->count;
    struct mmio_device *last = &dm->devices[dm->last];

    /* Guests tend to hit one device many times in a row (a UART being
     * polled): try the last one found before searching. */
    if (dm->count && address - last->base < last->size)
        return last;

    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        struct mmio_device *d = &dm->devices[mid];

        if (address < d->base)
            hi = mid;
        else if (address - d->base >= d->size)
            lo = mid + 1;
        else {
            dm->last = mid;
            return d;
        }
    }
    return NULL;
}

/* On every MMIO exit, from two places (with the syndrome the hardware gave
 * and with one decoded from the instruction): inlined into both, which the
 * compiler stops doing by itself once there are two callers (make bench). */
inline __attribute__((always_inline)) int devmgr_access(struct devmgr *dm, struct vcpu *vcpu,
                                                        uint64_t address, unsigned size, bool write,
                                                        uint64_t *value)
{
    struct mmio_device *d = devmgr_find(dm, address);
    uint64_t offset;

    if (!d)
        return -ENODEV;
    offset = address - d->base;
    if (size > d->size - offset)
        return -ERANGE;
    if (write)
        d->writes++;
    else
        d->reads++;
    return d->handler(d->opaque, vcpu, offset, size, write, value);
}

void devmgr_reset_counters(struct devmgr *dm)
{
    for (unsigned i = 0; i < dm->count; i++) {
        dm->devices[i].reads = 0;
        dm->devices[i].writes = 0;
        dm->devices[i].irqs = 0;
    }
}
