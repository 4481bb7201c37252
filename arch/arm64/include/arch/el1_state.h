/* EL1 state that a vCPU owns while it holds its pCPU. */
#ifndef ARCH_EL1_STATE_H
#define ARCH_EL1_STATE_H

#include <arch/types.h>

/* Puts every EL1 register a guest can see (system, FP/SIMD, timers, PMU,
 * debug, pointer-authentication keys) into its reset state, so nothing of
 * the pCPU's previous owner remains. */
void el1_reset(void);
/* Saves the inspectable part of the state (when a vCPU stops). */
void el1_save(struct el1_context *c);
/* Whether the CPU has pointer authentication (then HCR_EL2 lets guests use
 * it and el1_reset clears the keys). */
bool cpu_has_pauth(void);
/* Clears the FP/SIMD registers (context.S). */
void fpsimd_clear(void);

#endif
