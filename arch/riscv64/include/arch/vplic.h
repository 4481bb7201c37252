/* A domain's emulated PLIC (RISC-V Platform-Level Interrupt Controller
 * specification 1.0.0), at QEMU virt's address and with its layout:
 * sources 1..63 (riscv,ndev = 63), priorities 0..7, and one context per
 * vCPU: context i is vCPU i's supervisor external interrupt (the guest's
 * device tree lists <&cpuI_intc 9> as its i-th interrupts-extended entry).
 *
 * Devices drive a source either as a level (vplic_raise/vplic_lower: while
 * the level is high the source is requested again after every completion,
 * and a level that falls before the guest claims it withdraws it, as QEMU's
 * PLIC does) or by edges (vplic_trigger: one request each, kept while an
 * earlier one is being served). A source is driven one way only.
 *
 * Plain data: embedded in a domain's arch state. Its lock is its own, taken
 * by the domain's vCPUs and by whoever raises a line of the domain, never
 * together with another domain's. */
#ifndef ARCH_VPLIC_H
#define ARCH_VPLIC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <septum/spinlock.h>

#define VPLIC_BASE 0x0c000000ull
#define VPLIC_SIZE 0x600000ull /* the size QEMU virt's device tree gives */
#define VPLIC_NDEV 63          /* sources 1..63; 0 means "none" */
#define VPLIC_MAX_PRIORITY 7
#define VPLIC_MAX_CONTEXTS 8 /* one per vCPU (MAX_VCPUS) */

struct vm;
struct vcpu;

struct vplic {
    spinlock_t lock;
    struct vm *vm;
    unsigned nr_contexts; /* the domain's vCPUs */
    uint8_t priority[VPLIC_NDEV + 1];
    uint8_t threshold[VPLIC_MAX_CONTEXTS];
    uint64_t enable[VPLIC_MAX_CONTEXTS]; /* bit n: source n */
    uint64_t level;                      /* level-driven sources whose line is high */
    uint64_t edges;                      /* edge requests not yet passed on (source claimed) */
    uint64_t pending;                    /* the pending bits the guest reads */
    uint64_t claimed;                    /* claimed and not yet completed */
    /* Bit i: context i has a claimable interrupt (pending, enabled,
     * priority above its threshold). Written under the lock, read without
     * it by vplic_pending(). */
    _Atomic uint32_t eip;
};

/* Sets p up for vm's vCPUs and registers its MMIO range at VPLIC_BASE. */
int vplic_init(struct vm *vm, struct vplic *p);
/* Everything masked, nothing pending (domain restart). */
void vplic_reset(struct vplic *p);
/* Drive source src (1..VPLIC_NDEV); -EINVAL for any other number. */
int vplic_raise(struct vplic *p, unsigned src);
int vplic_lower(struct vplic *p, unsigned src);
int vplic_trigger(struct vplic *p, unsigned src);
/* Whether context (vCPU) ctx has a claimable interrupt: the level of its
 * VS external interrupt (hvip.VSEIP). No lock: one atomic load. */
static inline bool vplic_pending(const struct vplic *p, unsigned ctx)
{
    return (atomic_load_explicit(&p->eip, memory_order_acquire) >> ctx) & 1;
}

/* Defined by the architecture: vcpu's vplic_pending() may have changed
 * (a line moved, or a vCPU wrote an enable, a priority, a threshold, a
 * claim or a completion). Called from any pCPU, with no lock held; several
 * calls may arrive out of order, so it reads vplic_pending() again rather
 * than trust an order: typically sets hvip.VSEIP from it if vcpu runs
 * here, else kicks vcpu's pCPU, whose entry path does that. */
void vplic_notify(struct vcpu *vcpu);

#endif
