/* Per physical CPU data. While the hypervisor runs, tp points at the running
 * pCPU's struct (the guest's tp is saved in the frame); the guest register
 * frame comes first so that entry.S saves straight into it. */
#ifndef ARCH_PCPU_H
#define ARCH_PCPU_H

#include <stdint.h>
#include <septum/config.h>
#include <arch/pcpu_offsets.h>
#include <arch/types.h>

struct vcpu;

struct pcpu {
    struct guest_regs regs; /* offset 0 */
    uint64_t host_sp;       /* offset PCPU_HOST_SP_OFFSET: stack of the pCPU loop */
    struct vcpu *vcpu;      /* the vCPU in the guest right now (exit path) */
    unsigned id;
    _Atomic int online;
};

_Static_assert(__builtin_offsetof(struct pcpu, host_sp) == PCPU_HOST_SP_OFFSET,
               "entry.S depends on this offset");
_Static_assert(__builtin_offsetof(struct pcpu, vcpu) == PCPU_VCPU_OFFSET,
               "entry.S depends on this offset");
_Static_assert(__builtin_offsetof(struct guest_regs, sepc) == REGS_SEPC_OFFSET,
               "entry.S depends on this offset");

extern struct pcpu pcpus[MAX_PCPUS];

static inline struct pcpu *this_pcpu(void)
{
    struct pcpu *p;

    __asm__("mv %0, tp" : "=r"(p));
    return p;
}

/* Enters the guest on this pCPU and returns when the vCPU leaves it. */
void guest_run(struct pcpu *p);
/* The C side of every guest exit. */
void exit_dispatch(struct pcpu *p);
/* After an exit that left the vCPU's attention flag set: returns nonzero
 * to leave the guest. */
uint64_t exit_attention(struct pcpu *p);

#endif
