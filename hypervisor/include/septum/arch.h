/* The architecture interface: everything the core asks of an architecture
 * (arch/$(ARCH)/, chosen at build time by ARCH=), and nothing else. The core
 * calls no other function defined under arch/; the platform services it
 * relies on are the other half of the pair (septum/hal.h). The only arch
 * header the core includes is <arch/types.h>: plain data (struct
 * vcpu_arch, struct vm_arch, ARCH_IPA_BITS) it embeds.
 *
 * An architecture also provides: its entry code, which calls the core's
 * boot_primary() and boot_secondary() (septum/boot.h); its traps, which
 * hand hypercalls to hypercall_dispatch() (septum/hypercall.h); and a
 * linker script defining __image_start and __image_end (and .noinit);
 * arch/<arch>/build.mk says how to build it. tests/test_arch_boundary.py
 * checks that the core keeps to this. */
#ifndef SEPTUM_ARCH_H
#define SEPTUM_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arch/types.h>

struct vm;
struct vcpu;
struct fdt;
struct fdt_writer;
struct vuart_model;

/* ---- The guest-physical layout of a domain: plain data ---- */

struct arch_guest_layout {
    uint64_t ram_base; /* where a domain's RAM starts (direct-mapped ones aside) */
    /* The console UART: its model (septum/vuart.h), registers and line. */
    const struct vuart_model *uart_model;
    uint64_t uart_base;
    unsigned uart_irq;
    /* The power keys (septum/power_keys.h): a PL061 and its line. */
    uint64_t keys_base;
    unsigned keys_irq;
    /* Device interrupt lines are numbered from here (GIC: SPIs from 32;
     * PLIC: sources from 1) up to arch_nr_virqs() - 1. */
    unsigned first_device_irq;
    /* Cells of an interrupt specifier of the guest's (and the machine's)
     * interrupt controller: GIC 3, PLIC 1; at most IRQ_CELLS_MAX. */
    unsigned irq_cells;
    /* The "method" of the guest's /hypervisor node: how to call us. */
    const char *hypercall_method;
    /* A kernel image for this architecture has this magic at offset 56 of
     * its header (arm64 "ARM\x64", RISC-V "RSC\x05"; little-endian). */
    uint32_t image_magic;
};

#define IRQ_CELLS_MAX 4

extern const struct arch_guest_layout arch_guest;

/* ---- Boot (called by the core's boot flow, septum/boot.h) ---- */

/* Learns what is architecture-specific about the machine from its device
 * tree (interrupt controller, firmware conduit); the core has read the
 * memory, the CPU list and the console already (septum/platform.h). */
int arch_platform_probe(const struct fdt *fdt);
/* Builds the hypervisor's own address space, once, on the boot pCPU. */
void arch_mmu_init(void);
/* Sets up pCPU id on itself (translation, trap controls, its interrupt
 * controller interface) and marks it online. */
void arch_pcpu_init(unsigned id);
/* The interrupt controller's shared part, once, after arch_pcpu_init(0). */
void arch_irqchip_init(void);
/* Starts pCPU id (it calls boot_secondary(id)) and returns once it is
 * online; -errno if the firmware refused. */
int arch_pcpu_start(unsigned id);
/* Enables a physical device interrupt the hypervisor itself takes (its
 * console's receive line), delivered to the boot pCPU. */
void arch_host_irq_enable(unsigned irq);
/* Stops this pCPU for good: boot failed before there was a console. */
void arch_halt(void) __attribute__((noreturn));

/* ---- vCPUs on their pCPU (called by the core's pCPU loop) ---- */

/* Puts the vCPU in its architectural reset state at vcpu->entry with
 * vcpu->entry_arg as its first argument (arm64 x0, RISC-V a1 with a0 the
 * vCPU index). */
void arch_vcpu_reset(struct vcpu *vcpu);
/* Loads the vCPU on this pCPU and runs the guest until the vCPU must leave
 * it: vcpu_may_continue() turned false. */
void arch_vcpu_enter(struct vcpu *vcpu);
/* Saves the state of a vCPU leaving its pCPU for good (for inspection)
 * and quiesces the pCPU: no timer or interrupt of it outlives it. */
void arch_vcpu_unload(struct vcpu *vcpu);
/* Waits for a physical interrupt and handles every pending one. owner is
 * the pCPU's vCPU if it is powered on (its timer interrupt is its own),
 * else NULL. */
void arch_idle(struct vcpu *owner);
/* True if the vCPU on this pCPU has a virtual interrupt to take: a wait
 * for one (vcpu_wait_for_irq()) is over. */
bool arch_vcpu_has_irq(const struct vcpu *vcpu);

/* ---- Domains ---- */

/* The emulated interrupt controller (its MMIO ranges registered in
 * vm->devices) and the vCPUs' identities. */
int arch_vm_init(struct vm *vm);
void arch_vm_reset(struct vm *vm);
void arch_vm_release(struct vm *vm);
/* Number of MMIO ranges arch_vm_init() will register. */
unsigned arch_vm_device_count(const struct vm *vm);
/* Interrupt numbers the virtual interrupt controller has (device lines
 * below it, from arch_guest.first_device_irq). */
unsigned arch_nr_virqs(void);
/* Makes interrupt irq pending for the vCPU (a device line finds its own
 * target vCPU) and wakes its pCPU if needed. Device models use
 * vm_raise_irq() (septum/vm.h). */
void arch_inject_irq(struct vcpu *vcpu, unsigned irq);
/* Drops a domain's guest translations from every TLB. */
void arch_flush_guest_tlb(struct vm *vm);

/* ---- Stage-2 descriptors: plain data the core's walker writes ---- */

enum stage2_type {
    STAGE2_RAM,    /* normal memory, read/write/execute */
    STAGE2_DEVICE, /* device memory, read/write, never executable */
};

/* The architecture's descriptor format; the core (septum/stage2.h) walks
 * and sizes the tables. Levels count up from the leaves: level 0 maps
 * 4 KiB pages, level n blocks of 2^(9n) pages. */
struct arch_stage2_format {
    uint64_t valid;                   /* an entry with any of these bits is valid */
    uint64_t table_mask, table_value; /* above level 0, a valid entry is a table iff these match */
    uint64_t table_bits;              /* a table entry: its address and these */
    uint64_t leaf_bits[2];            /* a leaf, by enum stage2_type: its address and these */
    uint64_t page_bits;               /* added to a level-0 leaf (arm64's page descriptor) */
    uint64_t type_mask;               /* the leaf bits that tell the types apart */
    /* An address sits in a descriptor shifted right by addr_shift, in the
     * bits addr_mask. */
    unsigned addr_shift;
    uint64_t addr_mask;
    unsigned largest_leaf; /* the highest level that may hold a leaf */
};

extern const struct arch_stage2_format arch_stage2;

/* ---- The guest's device tree (the core writes the rest) ---- */

/* Phandles the core's nodes use; an architecture's own start at
 * GUEST_PHANDLE_ARCH. */
#define GUEST_PHANDLE_INTC 1 /* the interrupt controller (arch_fdt_irqchip) */
#define GUEST_PHANDLE_CLOCK 2
#define GUEST_PHANDLE_GPIO 3
#define GUEST_PHANDLE_ARCH 16

/* /cpus and how they are started (arm64 also writes /psci). */
void arch_fdt_cpus(struct fdt_writer *w, const struct vm *vm);
/* The interrupt controller, with phandle GUEST_PHANDLE_INTC. */
void arch_fdt_irqchip(struct fdt_writer *w, const struct vm *vm);
/* The timer, if it has a node of its own (arm64's does). */
void arch_fdt_timer(struct fdt_writer *w, const struct vm *vm);
/* Writes the interrupt specifier of device line irq (arch_guest.irq_cells
 * cells) into cells. */
void arch_irq_spec(uint32_t *cells, unsigned irq, bool edge);
/* The device line an interrupt specifier of the machine's device tree
 * (arch_guest.irq_cells big-endian cells at spec) names; -EINVAL if it is
 * not a device line (an arm64 PPI, say). */
int arch_irq_parse(const uint8_t *spec, unsigned *irq);

/* ---- Passthrough ---- */

/* 0 if [pa, pa + size) may be given to a domain: in the machine's device
 * space, no RAM, not the interrupt controller; else -EINVAL, logged. (The
 * core keeps the hypervisor's console UART.) */
int arch_mmio_passable(uint64_t pa, uint64_t size);
/* 0 if physical interrupt pirq may be given to a domain: a device line
 * the controller has; else -EINVAL, logged. (The core keeps the console
 * UART's line, and the domain's own devices' lines: vm_virq_reserved().) */
int arch_irq_passable(unsigned pirq);
/* Delivers physical pirq to the created domain as virtual virq, then
 * enables it; -EINVAL if virq cannot be. */
int arch_irq_bind(struct vm *vm, unsigned pirq, unsigned virq);
/* Disables pirq and clears its pending and active state. */
void arch_irq_unbind(unsigned pirq);

#endif
