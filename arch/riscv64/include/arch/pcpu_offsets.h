/* Offsets entry.S uses, asserted against the C structures (pcpu.h,
 * traps.c): plain numbers, so that assembly can include this file. */
#ifndef ARCH_PCPU_OFFSETS_H
#define ARCH_PCPU_OFFSETS_H

#define REGS_SEPC_OFFSET 256      /* struct guest_regs's sepc, after x0..x31 */
#define PCPU_HOST_SP_OFFSET 264   /* struct pcpu's host_sp */
#define PCPU_VCPU_OFFSET 272      /* struct pcpu's vcpu */
#define VCPU_ATTENTION_OFFSET 113 /* struct vcpu's attention */

#endif
