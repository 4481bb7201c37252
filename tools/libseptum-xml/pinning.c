/* Resolving vCPU pinning. A vCPU owns its pCPU outright, so each needs a
 * different free one among those it may have: a matching, found by trying
 * the lowest pCPUs first (at most 8 by 8: a search is cheap). */
#include <errno.h>
#include <stdio.h>

#include "cpuset.h"
#include "pinning.h"

#define BIT(n) ((cpu_mask)1 << (n))

static cpu_mask existing(const struct machine *m)
{
    return BIT(m->nr_pcpus) - 1;
}

static cpu_mask free_pcpus(const struct machine *m)
{
    cpu_mask free = 0;

    for (uint32_t cpu = 0; cpu < m->nr_pcpus; cpu++)
        if (m->pcpu_owner[cpu] == SEPTUM_PCPU_FREE)
            free |= BIT(cpu);
    return free;
}

/* The pCPUs vCPU i may have, and where the definition says so. */
static cpu_mask allowed(const struct domain_desc *desc, uint32_t i, const struct spot **at)
{
    if (desc->pins[i].given) {
        *at = &desc->pins[i].at;
        return desc->pins[i].cpus;
    }
    *at = desc->has_cpuset ? &desc->cpuset_at : &desc->vcpus_at;
    return desc->has_cpuset ? desc->cpuset : ~(cpu_mask)0;
}

/* Reports pCPUs the machine does not have; false if there are any. */
static bool check_exist(const struct machine *m, cpu_mask cpus, const struct spot *at,
                        struct diag_sink *d)
{
    char list[64];

    if (!(cpus & ~existing(m)))
        return true;
    cpuset_format(cpus & ~existing(m), list, sizeof(list));
    if (m->running)
        diag_at(d, at, "there is no pCPU %s: the host has %u", list, m->nr_pcpus);
    else
        diag_at(d, at, "there is no pCPU %s: Septum runs on at most %u", list, m->nr_pcpus);
    return false;
}

static bool assign(const cpu_mask *choices, uint32_t n, uint32_t i, cpu_mask used, uint32_t *pcpus)
{
    if (i == n)
        return true;
    for (cpu_mask left = choices[i] & ~used; left; left &= left - 1) {
        unsigned cpu = cpuset_first(left);

        pcpus[i] = cpu;
        if (assign(choices, n, i + 1, used | BIT(cpu), pcpus))
            return true;
    }
    return false;
}

/* "pCPU 1 belongs to d1 (web), pCPU 2 belongs to d3 (db)" (or "is taken" on
 * a model). */
static void describe_owners(const struct machine *m, cpu_mask cpus, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (; cpus && used < size; cpus &= cpus - 1) {
        unsigned cpu = cpuset_first(cpus);

        if (m->running && m->owner_name[cpu][0])
            used += (size_t)snprintf(buf + used, size - used, "%spCPU %u belongs to d%u (%.*s)",
                                     used ? ", " : "", cpu, m->pcpu_owner[cpu], SEPTUM_NAME_MAX - 1,
                                     m->owner_name[cpu]);
        else if (m->running)
            used += (size_t)snprintf(buf + used, size - used, "%spCPU %u belongs to d%u",
                                     used ? ", " : "", cpu, m->pcpu_owner[cpu]);
        else
            used += (size_t)snprintf(buf + used, size - used, "%spCPU %u is taken",
                                     used ? ", " : "", cpu);
    }
}

/* Why no assignment exists: a vCPU with no free pCPU at all, or more vCPUs
 * than the free pCPUs they share. */
static void explain(const struct domain_desc *desc, const struct machine *m,
                    const cpu_mask *choices, struct diag_sink *d)
{
    cpu_mask free = free_pcpus(m), all = 0;
    char owners[256], list[64];

    for (uint32_t i = 0; i < desc->nr_vcpus; i++) {
        const struct spot *at;

        allowed(desc, i, &at);
        if (!(choices[i] & free)) {
            describe_owners(m, choices[i], owners, sizeof(owners));
            diag_at(d, at, "no free pCPU for vCPU %u: %s", i, owners);
            return;
        }
        all |= choices[i];
    }
    cpuset_format(all & free, list, sizeof(list));
    diag_at(d, &desc->vcpus_at,
            "%u vCPUs need as many free pCPUs, and only %d of those they "
            "may have are free (%s)",
            desc->nr_vcpus, __builtin_popcountll(all & free), list);
}

int pin_vcpus(const struct domain_desc *desc, const struct machine *m, struct diag_sink *d,
              uint32_t *pcpus)
{
    cpu_mask choices[SEPTUM_MAX_VCPUS];
    bool exist = !desc->has_cpuset || check_exist(m, desc->cpuset, &desc->cpuset_at, d);

    for (uint32_t i = 0; i < desc->nr_vcpus; i++) {
        const struct spot *at;

        choices[i] = allowed(desc, i, &at);
        if (desc->pins[i].given)
            exist = check_exist(m, choices[i], at, d) && exist;
        choices[i] &= existing(m);
    }
    if (!exist)
        return -EINVAL;
    /* Taken pCPUs count as used from the start. */
    if (assign(choices, desc->nr_vcpus, 0, ~free_pcpus(m), pcpus))
        return 0;
    explain(desc, m, choices, d);
    return -EINVAL;
}
