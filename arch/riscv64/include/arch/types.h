/* riscv64's plain data the core embeds (septum/arch.h): the state of vCPUs
 * and domains. The only arch header the core includes, so it holds no
 * function. */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <septum/config.h>
#include <arch/vplic.h>

/* Guest-physical addresses a G-stage table translates: Sv39x4. */
#define ARCH_IPA_BITS 41

/* A guest's general registers as saved on exit (x[0] stays zero, so that
 * register numbers index it directly); layout known to entry.S. */
struct guest_regs {
    uint64_t x[32];
    uint64_t sepc;
};

/* VS-mode state, live in the hart while the vCPU owns it; saved when the
 * vCPU stops, so the control domain can inspect it. */
struct vs_context {
    uint64_t vsstatus, vsie, vstvec, vsscratch, vsepc, vscause, vstval, vsatp, vstimecmp, hvip;
};

struct vcpu_arch {
    struct guest_regs *regs; /* the register frame of the pCPU it runs on */
    struct vs_context saved;
    /* Interrupts (hvip bits) other CPUs raised for it: taken into hvip by
     * the vCPU on its own pCPU, the only one that writes its hvip. */
    _Atomic uint64_t raised;
    /* Without Sstc: the guest's timer deadline (domain time), or ~0. */
    uint64_t timer_deadline;
    bool injected; /* took an exception from the hypervisor since it started */
};

struct vm_arch {
    struct vplic plic;
};

#endif
