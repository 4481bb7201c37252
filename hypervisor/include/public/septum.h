/* Septum's public hypercall ABI: the one header shared by the hypervisor,
 * the dom0 driver, libseptum and guests. Calls use SMCCC 1.1 over `hvc #0`:
 * function ID in x0, arguments in x1-x5, results in x0-x3. Septum's calls
 * are fast SMC64 calls in the Vendor-Specific Hypervisor Service range. */
#ifndef SEPTUM_PUBLIC_H
#define SEPTUM_PUBLIC_H

#define SEPTUM_ABI_MAJOR 0
#define SEPTUM_ABI_MINOR 1

/* SMCCC: fast call, SMC64, owning entity 6 (vendor hypervisor service). */
#define SEPTUM_HC(n) (0xc6000000u | (n))

/* x0 <- ABI version as (major << 16) | minor. */
#define SEPTUM_HC_VERSION SEPTUM_HC(0)
/* x0 <- the caller's domain id, x1 <- its vCPU index. */
#define SEPTUM_HC_WHOAMI SEPTUM_HC(1)

/* Hypervisor service queries (SMCCC 1.1, section 6). */
#define SEPTUM_HC_CALL_UID 0x8600ff01u
#define SEPTUM_HC_REVISION 0x8600ff03u

/* Septum's UID, returned in x0-x3 by SEPTUM_HC_CALL_UID:
 * 5e97a3c1-0b2d-4f6e-9a41-73e0c1d2b5f8. */
#define SEPTUM_UID_0 0x5e97a3c1u
#define SEPTUM_UID_1 0x4f6e0b2du
#define SEPTUM_UID_2 0x73e0419au
#define SEPTUM_UID_3 0xf8b5d2c1u

/* SMCCC's reply to an unknown function. */
#define SMCCC_NOT_SUPPORTED (-1)

#endif
