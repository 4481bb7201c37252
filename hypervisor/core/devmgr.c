/* The device manager: sorted MMIO ranges, binary search on the exit path. */
#include <septum/devmgr.h>
#include <septum/errno.h>
#include <septum/hal.h>
#include <septum/string.h>

#define PAGE_SIZE 4096u
#define CACHE_LINE 64u

static size_t whole_lines(size_t bytes)
{
    return (bytes + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
}

/* A CPU's row of counters, in bytes: whole cache lines, so that two CPUs
 * counting never write the same line. */
static size_t row_bytes(unsigned capacity)
{
    return whole_lines(capacity * sizeof(struct mmio_counters));
}

/* The device table, then the counters from a line boundary: one
 * allocation. */
static size_t table_bytes(unsigned capacity)
{
    return whole_lines(capacity * sizeof(struct mmio_device)) + MAX_PCPUS * row_bytes(capacity);
}

static size_t table_pages(unsigned capacity)
{
    return (table_bytes(capacity) + PAGE_SIZE - 1) / PAGE_SIZE;
}

int devmgr_init(struct devmgr *dm, unsigned capacity)
{
    *dm = (struct devmgr){0};
    if (capacity == 0)
        return 0;
    dm->devices = hal_alloc_pages(table_pages(capacity));
    if (!dm->devices)
        return -ENOMEM;
    dm->counters = (char *)dm->devices + whole_lines(capacity * sizeof(struct mmio_device));
    dm->capacity = capacity;
    dm->row_bytes = row_bytes(capacity);
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
    /* Registration happens while the domain is built, before anything is
     * counted: no counter has to move with its device. */
    memmove(&dm->devices[pos + 1], &dm->devices[pos], (dm->count - pos) * sizeof(dm->devices[0]));
    dm->devices[pos] = (struct mmio_device){
        .base = base, .size = size, .handler = handler, .opaque = opaque, .name = name};
    dm->count++;
    return 0;
}

/* Index of the device covering address, or -1. */
static int search(const struct devmgr *dm, uint64_t address)
{
    unsigned lo = 0, hi = dm->count;

    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        const struct mmio_device *d = &dm->devices[mid];

        if (address < d->base)
            hi = mid;
        else if (address - d->base >= d->size)
            lo = mid + 1;
        else
            return (int)mid;
    }
    return -1;
}

/* Guests tend to hit one device many times in a row (a UART being polled):
 * each CPU tries the device it found last before searching. */
static int lookup(struct devmgr *dm, uint64_t address, unsigned cpu)
{
    const struct mmio_device *last = &dm->devices[dm->last[cpu]];
    int i;

    if (dm->count && address - last->base < last->size)
        return (int)dm->last[cpu];
    i = search(dm, address);
    if (i >= 0)
        dm->last[cpu] = (unsigned)i;
    return i;
}

static struct mmio_counters *row(const struct devmgr *dm, unsigned cpu)
{
    return (struct mmio_counters *)((char *)dm->counters + cpu * dm->row_bytes);
}

struct mmio_device *devmgr_find(struct devmgr *dm, uint64_t address)
{
    int i = lookup(dm, address, hal_current_pcpu());

    return i < 0 ? NULL : &dm->devices[i];
}

/* On every MMIO exit, from two places (with the syndrome the hardware gave
 * and with one decoded from the instruction): inlined into both, which the
 * compiler stops doing by itself once there are two callers (make bench). */
inline __attribute__((always_inline)) int devmgr_access(struct devmgr *dm, struct vcpu *vcpu,
                                                        uint64_t address, unsigned size, bool write,
                                                        uint64_t *value)
{
    unsigned cpu = hal_current_pcpu();
    int i = lookup(dm, address, cpu);
    struct mmio_device *d;
    uint64_t offset;

    if (i < 0)
        return -ENODEV;
    d = &dm->devices[i];
    offset = address - d->base;
    if (size > d->size - offset)
        return -ERANGE;
    if (write)
        row(dm, cpu)[i].writes++;
    else
        row(dm, cpu)[i].reads++;
    return d->handler(d->opaque, vcpu, offset, size, write, value);
}

void devmgr_count_irq(struct devmgr *dm, uint64_t address)
{
    int i = search(dm, address);

    if (i >= 0)
        row(dm, hal_current_pcpu())[i].irqs++;
}

void devmgr_sum_counters(const struct devmgr *dm, unsigned index, struct mmio_counters *out)
{
    *out = (struct mmio_counters){0};
    if (index >= dm->count)
        return;
    for (unsigned cpu = 0; cpu < MAX_PCPUS; cpu++) {
        const struct mmio_counters *c = &row(dm, cpu)[index];

        out->reads += c->reads;
        out->writes += c->writes;
        out->irqs += c->irqs;
    }
}

void devmgr_reset_counters(struct devmgr *dm)
{
    if (dm->counters)
        memset(dm->counters, 0, MAX_PCPUS * dm->row_bytes);
}
