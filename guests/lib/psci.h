/* PSCI calls over the HVC conduit (Arm DEN 0022, SMC Calling Convention
 * DEN 0028): the hypervisor, or QEMU without EL2, answers them. */
#ifndef GUEST_PSCI_H
#define GUEST_PSCI_H

#include <stdint.h>

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0xc4000003u
#define PSCI_AFFINITY_INFO 0xc4000004u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u

/* Return codes. */
#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)
#define PSCI_INTERNAL_FAILURE (-6)

/* AFFINITY_INFO states. */
#define PSCI_AFFINITY_ON 0
#define PSCI_AFFINITY_OFF 1
#define PSCI_AFFINITY_ON_PENDING 2

int64_t psci_call(uint32_t function, uint64_t arg1, uint64_t arg2, uint64_t arg3);

uint32_t psci_version(void);
int64_t psci_cpu_on(uint64_t mpidr, uintptr_t entry, uint64_t context_id);
/* Returns only on failure. */
int64_t psci_cpu_off(void);
int64_t psci_affinity_info(uint64_t mpidr);
/* Never return: should the call come back, the CPU is parked. */
__attribute__((noreturn)) void psci_system_off(void);
__attribute__((noreturn)) void psci_system_reset(void);

#endif
