/* What the hypervisor learns about an arm64 machine beyond the core's
 * struct platform (septum/platform.h): the GICv3 and the PSCI conduit. */
#ifndef ARCH_PLATFORM_H
#define ARCH_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>
#include <septum/platform.h>

struct arm64_platform {
    uint64_t gicd;
    uint64_t gicd_size;
    uint64_t gicr;
    uint64_t gicr_size;
    bool psci_smc; /* PSCI conduit: SMC (else HVC) */
};

extern struct arm64_platform arm64_platform;

#endif
