/* The instruction syndrome of a data abort (ESR_ELx.ISS, Arm ARM D17.2.40):
 * what the hardware reports, and what the decoder rebuilds when it does not. */
#ifndef ARCH_DABT_H
#define ARCH_DABT_H

#define DABT_ISV (1u << 24)
#define DABT_SAS_SHIFT 22
#define DABT_SAS(iss) (((iss) >> DABT_SAS_SHIFT) & 3)
#define DABT_SSE (1u << 21)
#define DABT_SRT_SHIFT 16
#define DABT_SRT(iss) (((iss) >> DABT_SRT_SHIFT) & 0x1f)
#define DABT_SF (1u << 15)
#define DABT_FNV (1u << 10)
#define DABT_S1PTW (1u << 7)
#define DABT_WNR (1u << 6)
#define FSC(iss) ((iss)&0x3f)
/* Stage-2 translation, access-flag and permission faults (levels 0-3):
 * the only aborts for which HPFAR_EL2 holds the faulting IPA. */
#define FSC_IS_STAGE2_FAULT(fsc) ((fsc) >= 0x04 && (fsc) <= 0x0f)
/* The fault's type without its level: a translation fault is 0b0001LL. */
#define FSC_TYPE_MASK 0x3cu
#define FSC_TRANSLATION 0x04u

#endif
