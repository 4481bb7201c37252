/* The machines a definition is checked against. */
#include <string.h>

#include "plan.h"

void machine_from_physinfo(struct machine *m, const struct septum_physinfo *p)
{
    memset(m, 0, sizeof(*m));
    m->nr_pcpus = p->nr_pcpus < SEPTUM_MAX_PCPUS ? p->nr_pcpus : SEPTUM_MAX_PCPUS;
    memcpy(m->pcpu_owner, p->pcpu_owner, sizeof(m->pcpu_owner));
    m->mem_free = p->mem_free;
    m->running = true;
}

void machine_model(struct machine *m, uint32_t nr_pcpus, cpu_mask taken)
{
    memset(m, 0, sizeof(*m));
    m->nr_pcpus = nr_pcpus < SEPTUM_MAX_PCPUS ? nr_pcpus : SEPTUM_MAX_PCPUS;
    for (uint32_t cpu = 0; cpu < SEPTUM_MAX_PCPUS; cpu++)
        m->pcpu_owner[cpu] = taken & ((cpu_mask)1 << cpu) ? 0 : SEPTUM_PCPU_FREE;
    m->mem_free = UINT64_MAX;
}
