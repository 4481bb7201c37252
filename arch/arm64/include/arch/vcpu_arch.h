/* arm64 state of vCPUs, domains and physical CPUs. Plain data, so the core
 * (and its host unit tests) can embed it. */
#ifndef ARCH_VCPU_ARCH_H
#define ARCH_VCPU_ARCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <septum/spinlock.h>

#define VGIC_NR_IRQS 64 /* SGIs, PPIs and 32 SPIs */
#define VGIC_NR_SPIS (VGIC_NR_IRQS - 32)

/* A guest's general registers as saved on exit; layout known to entry.S. */
struct guest_regs {
    uint64_t x[31];
    uint64_t elr;
    uint64_t spsr;
    uint64_t pad;
};

/* EL1 state, saved when a vCPU stops so the control domain can inspect it. */
struct el1_context {
    uint64_t sctlr, cpacr, ttbr0, ttbr1, tcr, mair, vbar, contextidr;
    uint64_t tpidr_el0, tpidrro_el0, tpidr_el1, sp_el0, sp_el1, elr_el1, spsr_el1;
    uint64_t esr, far, par, cntkctl, cntv_ctl, cntv_cval;
};

struct vgic_cpu {
    _Atomic uint64_t pending; /* bit n: INTID n waits for a list register */
    uint32_t enabled;         /* SGIs and PPIs */
    uint8_t priority[32];
    bool sleeping; /* GICR_WAKER.ProcessorSleep */
};

struct vcpu_arch {
    struct guest_regs *regs; /* the register frame of the pCPU it runs on */
    uint64_t vmpidr;
    struct el1_context saved;
    struct vgic_cpu vgic;
    bool injected; /* took an exception from the hypervisor since it started */
};

struct vgic_dist {
    spinlock_t lock;
    uint32_t ctlr;
    uint32_t spi_enabled;
    uint8_t spi_priority[VGIC_NR_SPIS];
    uint8_t spi_target[VGIC_NR_SPIS]; /* vCPU index, from GICD_IROUTER */
    uint32_t spi_config[VGIC_NR_SPIS / 16];
};

/* Larger than a real PL011's 32 entries, so that a paste into the console
 * is not lost while the guest is slow to drain it. */
#define VPL011_RX_FIFO 1024

struct vpl011 {
    spinlock_t lock;
    uint32_t cr, lcrh, ibrd, fbrd, ifls, imsc, dmacr;
    char rx[VPL011_RX_FIFO];
    unsigned rx_head;
    unsigned rx_count;
};

struct vm_arch {
    struct vgic_dist dist;
    struct vpl011 uart;
};

#endif
