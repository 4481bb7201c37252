/* The simulated machine's state and the rules it keeps. */
#include <errno.h>
#include <string.h>

#include "fake_machine.h"

#define MIB (1ull << 20)
#define SEC 1000000000ull
#define FAKE_MEM (2048 * MIB)
#define FAKE_HYP_MEM (16 * MIB)
#define FAKE_LARGEST_FREE (1024 * MIB) /* free memory is in pieces */

struct fake_domain fake_domains[FAKE_MAX_DOMAINS];
static uint64_t ticked_ns; /* time passed in scripted runs */

const char fake_log[] = "(septum) Septum hypervisor, ABI 1.0, 4 pCPUs, 2048 MiB\n"
                        "(septum) d0 (Domain-0): 1 vCPU(s) on pCPU 0, 512 MiB, started\n"
                        "(septum) d1 (hello): 1 vCPU(s) on pCPU 1, 64 MiB, started\n"
                        "(septum) d2 (faulty): crashed: data abort at IPA 0x80000000\n";

static void add(uint32_t domid, const char *name, uint32_t pcpu, uint64_t mem, uint32_t state,
                uint64_t cpu_time, const char *console)
{
    struct fake_domain *d = &fake_domains[domid];

    d->used = true;
    d->info.domid = domid;
    d->info.state = state;
    strcpy(d->info.name, name);
    d->info.mem_size = mem;
    d->info.nr_vcpus = 1;
    d->info.cpu_time_ns = cpu_time;
    d->info.created_ns = domid * SEC;
    d->pcpus[0] = pcpu;
    d->booted = true;
    fake_console_append(d, console, strlen(console));
}

void fake_machine_init(void)
{
    memset(fake_domains, 0, sizeof(fake_domains));
    add(0, "Domain-0", 0, 512 * MIB, SEPTUM_STATE_RUNNING, 12 * SEC, "");
    add(1, "hello", 1, 64 * MIB, SEPTUM_STATE_RUNNING, 3 * SEC, "Hello from hello\r\n");
    add(2, "faulty", 2, 32 * MIB, SEPTUM_STATE_CRASHED, SEC / 2, "faulty: mem\r\n");
    strcpy(fake_domains[2].info.crash_reason, "data abort at IPA 0x80000000");
}

struct fake_domain *fake_domain(uint64_t domid)
{
    if (domid == SEPTUM_DOMID_SELF)
        domid = 0;
    if (domid >= FAKE_MAX_DOMAINS || !fake_domains[domid].used)
        return NULL;
    return &fake_domains[domid];
}

void fake_physinfo(struct septum_physinfo *p)
{
    memset(p, 0, sizeof(*p));
    p->abi_version = SEPTUM_ABI_VERSION;
    p->nr_pcpus = FAKE_PCPUS;
    p->mem_total = FAKE_MEM;
    p->mem_free = FAKE_MEM - FAKE_HYP_MEM;
    p->uptime_ns = 100 * SEC + ticked_ns;
    p->max_domains = FAKE_MAX_DOMAINS;
    for (uint32_t i = 0; i < SEPTUM_MAX_PCPUS; i++)
        p->pcpu_owner[i] = SEPTUM_PCPU_FREE;
    p->mem_largest_free = FAKE_LARGEST_FREE;
    for (size_t i = 0; i < FAKE_MAX_DOMAINS; i++) {
        const struct fake_domain *d = &fake_domains[i];

        if (!d->used)
            continue;
        p->nr_domains++;
        p->mem_free -= d->info.mem_size;
        for (uint32_t v = 0; v < d->info.nr_vcpus; v++) {
            p->pcpu_owner[d->pcpus[v]] = d->info.domid;
            p->pcpu_vcpu[d->pcpus[v]] = v;
        }
    }
}

void fake_console_append(struct fake_domain *d, const char *text, size_t len)
{
    size_t room = FAKE_CONSOLE_SIZE - d->console_len;

    if (len > room)
        len = room;
    memcpy(d->console + d->console_len, text, len);
    d->console_len += len;
}

static int64_t check_config(const struct septum_domain_config *cfg)
{
    struct septum_physinfo p;

    fake_physinfo(&p);
    if (!cfg->name[0] || memchr(cfg->name, 0, sizeof(cfg->name)) == NULL ||
        (cfg->flags & ~SEPTUM_DOMAIN_NATIVE_WFI) || !memchr(cfg->cmdline, 0, sizeof(cfg->cmdline)))
        return -EINVAL;
    if (cfg->nr_vcpus == 0 || cfg->nr_vcpus > SEPTUM_MAX_VCPUS)
        return -EINVAL;
    if (cfg->mem_size == 0 || cfg->mem_size % (2 * MIB))
        return -EINVAL;
    if (cfg->mem_size > p.mem_free)
        return -ENOMEM;
    for (uint32_t i = 0; i < cfg->nr_vcpus; i++) {
        if (cfg->pcpus[i] >= FAKE_PCPUS)
            return -EINVAL;
        if (p.pcpu_owner[cfg->pcpus[i]] != SEPTUM_PCPU_FREE)
            return -EBUSY;
    }
    return 0; /* like the hypervisor, no check that names are unique */
}

int64_t fake_create(const struct septum_domain_config *cfg)
{
    static uint32_t next_id = 3; /* after the three of the start; never reused */
    struct fake_domain *d;
    int64_t rc = check_config(cfg);

    if (rc < 0)
        return rc;
    if (next_id == FAKE_MAX_DOMAINS)
        return -ENOSPC;
    d = &fake_domains[next_id];
    memset(d, 0, sizeof(*d));
    d->used = true;
    d->info.domid = next_id++;
    d->info.state = SEPTUM_STATE_CREATED;
    memcpy(d->info.name, cfg->name, sizeof(d->info.name));
    d->info.mem_size = cfg->mem_size;
    d->info.nr_vcpus = cfg->nr_vcpus;
    d->flags = cfg->flags;
    d->info.created_ns = 100 * SEC + ticked_ns;
    memcpy(d->pcpus, cfg->pcpus, sizeof(d->pcpus));
    return d->info.domid;
}

int64_t fake_transition(struct fake_domain *d, uint32_t from, uint32_t to)
{
    if (d->info.state != from)
        return -EBUSY;
    d->info.state = to;
    return 0;
}

void fake_remove(struct fake_domain *d)
{
    memset(d, 0, sizeof(*d));
}

void fake_machine_tick(uint64_t elapsed_ns)
{
    ticked_ns += elapsed_ns;
    for (size_t i = 0; i < FAKE_MAX_DOMAINS; i++) {
        struct fake_domain *d = &fake_domains[i];
        uint64_t load_pct = 10 + 20 * (uint64_t)d->info.domid;

        if (!d->used || d->info.state != SEPTUM_STATE_RUNNING)
            continue;
        d->running_ns += elapsed_ns;
        d->info.cpu_time_ns +=
            elapsed_ns * d->info.nr_vcpus * (load_pct < 100 ? load_pct : 100) / 100;
    }
}

uint64_t fake_activity(const struct fake_domain *d, uint64_t per_s)
{
    return d->running_ns / 1000 * per_s / 1000000;
}

size_t fake_ring_read(const char *ring, size_t ring_len, void *buf, size_t len, uint64_t *pos)
{
    size_t from = *pos < ring_len ? (size_t)*pos : ring_len;
    size_t n = ring_len - from < len ? ring_len - from : len;

    memcpy(buf, ring + from, n);
    *pos = from + n;
    return n;
}
