/* arm64's plain data the core embeds (septum/arch.h): the state of vCPUs
 * and domains. The only arch header the core includes, so it holds no
 * function. */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <septum/config.h>
#include <septum/spinlock.h>

/* Guest-physical addresses a stage-2 table translates (from level 1). */
#define ARCH_IPA_BITS 39

/* SGIs, PPIs and 64 SPIs: QEMU virt's device lines (its virtio-mmio
 * transports are SPIs 16-47) fit, and an SPI bitmap is one 64-bit word. */
#define VGIC_NR_IRQS 96
#define VGIC_NR_SPIS (VGIC_NR_IRQS - 32)
#define VGIC_NO_PINTID 0    /* pintid[] of an SPI no physical interrupt backs */
#define VGIC_NO_TARGET 0xff /* GICD_IROUTER names no vCPU of the domain */

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

/* A vCPU's redistributor: its SGIs and PPIs. */
struct vgic_cpu {
    /* SGIs and PPIs waiting for a list register: set by any vCPU of the
     * domain, taken by this vCPU on its own pCPU. */
    _Atomic uint32_t pending;
    _Atomic uint32_t enabled;
    /* Another vCPU changed an SPI that this one holds in a list register:
     * bring the list registers in line with the distributor. */
    _Atomic bool resync;
    /* The physical virtual-timer interrupt was acknowledged at EL2 and is
     * still active there, waiting for a list register (HW bit) to hand it
     * to the guest. This pCPU only. */
    bool vtimer_waiting;
    bool sleeping; /* GICR_WAKER.ProcessorSleep */
    uint8_t priority[32];
};

struct vcpu_arch {
    struct guest_regs *regs; /* the register frame of the pCPU it runs on */
    uint64_t vmpidr;
    struct el1_context saved;
    struct vgic_cpu vgic;
    bool injected; /* took an exception from the hypervisor since it started */
};

/* A set of SPIs: bit n is SPI 32 + n. */
typedef uint64_t vgic_spis_t;

/* A domain's distributor: the one place where the state of its SPIs lives.
 * vgic_spi.c says who writes what. */
struct vgic_dist {
    spinlock_t lock; /* this domain's vCPUs only */
    _Atomic uint32_t ctlr;
    _Atomic vgic_spis_t pending; /* pending and not yet in a list register */
    _Atomic vgic_spis_t enabled;
    _Atomic vgic_spis_t routed[MAX_VCPUS]; /* the SPIs each vCPU is the target of */
    _Atomic uint8_t target[VGIC_NR_SPIS];  /* vCPU index, or VGIC_NO_TARGET */
    vgic_spis_t active;                    /* set active (ISACTIVER) while in no list register */
    vgic_spis_t in_lr;                     /* held in a list register of vCPU owner[] */
    vgic_spis_t lr_pending;                /* of those, pending when last looked at */
    vgic_spis_t lr_active;                 /* of those, active when last looked at */
    /* Changes to SPIs in a list register, for their owner to make. */
    vgic_spis_t unpend, unactive, activate;
    /* SPIs backed by a physical interrupt (passed through): placed in list
     * registers with the HW bit and pintid[]. Set while the domain is
     * CREATED, kept across restarts, cleared when it is released. */
    vgic_spis_t hw;
    uint16_t pintid[VGIC_NR_SPIS];
    uint8_t owner[VGIC_NR_SPIS];
    uint64_t irouter[VGIC_NR_SPIS]; /* as the guest wrote it */
    uint8_t priority[VGIC_NR_SPIS];
    uint32_t config[VGIC_NR_SPIS / 16];
};

struct vm_arch {
    struct vgic_dist dist;
};

#endif
