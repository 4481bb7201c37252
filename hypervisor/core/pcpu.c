/* Exclusive pCPU ownership. */
#include <stdatomic.h>
#include <septum/config.h>
#include <septum/errno.h>
#include <septum/hal.h>
#include <septum/pcpu.h>

static _Atomic(struct vcpu *) owners[MAX_PCPUS];

int pcpu_claim(unsigned pcpu, struct vcpu *vcpu)
{
    struct vcpu *expected = NULL;

    if (pcpu >= hal_nr_pcpus() || pcpu >= MAX_PCPUS)
        return -EINVAL;
    if (!atomic_compare_exchange_strong(&owners[pcpu], &expected, vcpu))
        return -EBUSY;
    return 0;
}

void pcpu_release(unsigned pcpu, struct vcpu *vcpu)
{
    struct vcpu *expected = vcpu;

    if (pcpu < MAX_PCPUS)
        atomic_compare_exchange_strong(&owners[pcpu], &expected, NULL);
}

struct vcpu *pcpu_owner(unsigned pcpu)
{
    return pcpu < MAX_PCPUS ? atomic_load(&owners[pcpu]) : NULL;
}

bool pcpu_is_free(unsigned pcpu)
{
    return pcpu < hal_nr_pcpus() && pcpu_owner(pcpu) == NULL;
}
