/* PSCI calls over the HVC conduit (Arm DEN 0022, SMC Calling Convention
 * DEN 0028): the hypervisor, or QEMU without EL2, answers them. Guests use
 * the arch API's power functions (lib/arch.h); this is for arm64 code that
 * makes other PSCI and SMCCC calls. */
#ifndef GUEST_PSCI_H
#define GUEST_PSCI_H

#include <stdint.h>

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0xc4000003u
#define PSCI_AFFINITY_INFO 0xc4000004u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u

int64_t psci_call(uint32_t function, uint64_t arg1, uint64_t arg2, uint64_t arg3);

#endif
