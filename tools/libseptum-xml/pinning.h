/* Each vCPU gets a free pCPU of its own among those the definition allows
 * it: by <vcpupin>, else by <vcpu cpuset>, else any. */
#ifndef SEPTUM_XML_PINNING_H
#define SEPTUM_XML_PINNING_H

#include "plan.h"

/* Fills pcpus[0..desc->nr_vcpus) with the lowest-numbered assignment that
 * satisfies every vCPU. Reports why there is none and returns -EINVAL. */
int pin_vcpus(const struct domain_desc *desc, const struct machine *m, struct diag_sink *d,
              uint32_t *pcpus);

#endif
