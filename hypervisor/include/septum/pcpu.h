/* Which vCPU owns each physical CPU. Ownership is exclusive: claiming a pCPU
 * already owned fails, so two domains can never share one. */
#ifndef SEPTUM_PCPU_H
#define SEPTUM_PCPU_H

#include <stdbool.h>

struct vcpu;

int pcpu_claim(unsigned pcpu, struct vcpu *vcpu);
void pcpu_release(unsigned pcpu, struct vcpu *vcpu);
struct vcpu *pcpu_owner(unsigned pcpu);
bool pcpu_is_free(unsigned pcpu);

#endif
