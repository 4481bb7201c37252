/* The device manager: sorted MMIO ranges, binary search on the exit path. */
#include <septum/config.h>
#include <septum/devmgr.h>
#include <septum/errno.h>
#include <septum/hal.h>
#include <septum/string.h>

/* What the lookup hints point at while no device matched yet: an empty
 * range, so the exit path need not check for none. */
static struct mmio_device no_device;

static size_t table_pages(unsigned capacity)
{
    return (capacity * sizeof(struct mmio_device) + PAGE_SIZE - 1) / PAGE_SIZE;
}

static void reset_hints(struct devmgr *dm)
{
    for (unsigned cpu = 0; cpu < MAX_PCPUS; cpu++)
        dm->last[cpu] = &no_device;
}

int devmgr_init(struct devmgr *dm, unsigned capacity)
{
    *dm = (struct devmgr){0};
    reset_hints(dm);
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
    reset_hints(dm);
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
    /* Registration happens while the domain is built, before any lookup:
     * no hint points into what moves. */
    memmove(&dm->devices[pos + 1], &dm->devices[pos], (dm->count - pos) * sizeof(dm->devices[0]));
    dm->devices[pos] = (struct mmio_device){
        .base = base, .size = size, .handler = handler, .opaque = opaque, .name = name};
    dm->count++;
    return 0;
}

int devmgr_unregister(struct devmgr *dm, uint64_t base)
{
    unsigned pos = 0;

    while (pos < dm->count && dm->devices[pos].base != base)
        pos++;
    if (pos == dm->count)
        return -ENOENT;
    dm->count--;
    memmove(&dm->devices[pos], &dm->devices[pos + 1], (dm->count - pos) * sizeof(dm->devices[0]));
    reset_hints(dm); /* they may point at what moved */
    return 0;
}

/* Runs only when a CPU's hint misses. Out of line, it leaves the registers
 * of the exit path it would be inlined into alone: that is two
 * instructions fewer on every synchronous exit (make bench). */
static __attribute__((noinline)) struct mmio_device *search(struct devmgr *dm, uint64_t address)
{
    unsigned lo = 0, hi = dm->count;

    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        struct mmio_device *d = &dm->devices[mid];

        if (address < d->base)
            hi = mid;
        else if (address - d->base >= d->size)
            lo = mid + 1;
        else
            return d;
    }
    return NULL;
}

/* Guests tend to hit one device many times in a row (a UART being polled):
 * each CPU tries the device it found last before searching. */
static struct mmio_device *lookup(struct devmgr *dm, uint64_t address, unsigned cpu)
{
    struct mmio_device *d = dm->last[cpu];

    if (address - d->base < d->size)
        return d;
    d = search(dm, address);
    if (d)
        dm->last[cpu] = d;
    return d;
}

struct mmio_device *devmgr_find(struct devmgr *dm, uint64_t address)
{
    return lookup(dm, address, hal_current_pcpu());
}

static inline int access_device(struct mmio_device *d, unsigned cpu, struct vcpu *vcpu,
                                uint64_t offset, unsigned size, bool write, uint64_t *value)
{
    if (size > d->size - offset)
        return -ERANGE;
    if (write)
        d->count[cpu].writes++;
    else
        d->count[cpu].reads++;
    return d->handler(d->opaque, vcpu, offset, size, write, value);
}

/* An access the CPU's hint missed: the search and the access together,
 * out of line, so that the exit path makes one call either way and keeps
 * no more registers across it than the device call needs. */
static __attribute__((noinline)) int access_after_search(struct devmgr *dm, struct vcpu *vcpu,
                                                         uint64_t address, unsigned size,
                                                         bool write, uint64_t *value)
{
    unsigned cpu = hal_current_pcpu();
    struct mmio_device *d = lookup(dm, address, cpu);

    return d ? access_device(d, cpu, vcpu, address - d->base, size, write, value) : -ENODEV;
}

/* On every MMIO exit, from two places (with the syndrome the hardware gave
 * and with one decoded from the instruction): inlined into both, which the
 * compiler stops doing by itself once there are two callers (make bench). */
inline __attribute__((always_inline)) int devmgr_access(struct devmgr *dm, struct vcpu *vcpu,
                                                        uint64_t address, unsigned size, bool write,
                                                        uint64_t *value)
{
    unsigned cpu = hal_current_pcpu();
    struct mmio_device *d = dm->last[cpu];
    uint64_t offset = address - d->base;

    if (offset >= d->size)
        return access_after_search(dm, vcpu, address, size, write, value);
    return access_device(d, cpu, vcpu, offset, size, write, value);
}

void devmgr_count_irq(struct devmgr *dm, uint64_t address)
{
    struct mmio_device *d = search(dm, address);

    if (d)
        d->count[hal_current_pcpu()].irqs++;
}

void devmgr_sum_counters(const struct devmgr *dm, unsigned index, struct mmio_counters *out)
{
    *out = (struct mmio_counters){0};
    if (index >= dm->count)
        return;
    for (unsigned cpu = 0; cpu < MAX_PCPUS; cpu++) {
        const struct mmio_counters *c = &dm->devices[index].count[cpu];

        out->reads += c->reads;
        out->writes += c->writes;
        out->irqs += c->irqs;
    }
}

void devmgr_reset_counters(struct devmgr *dm)
{
    for (unsigned i = 0; i < dm->count; i++)
        memset(dm->devices[i].count, 0, sizeof(dm->devices[i].count));
}
