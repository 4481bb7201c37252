/* What the hypervisor learns about the machine from the device tree that the
 * boot loader passes in x0. */
#ifndef ARCH_PLATFORM_H
#define ARCH_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>
#include <septum/config.h>

struct platform {
    uint64_t ram_base;
    uint64_t ram_size;
    unsigned nr_cpus;
    uint64_t mpidr[MAX_PCPUS];
    uint64_t gicd;
    uint64_t gicd_size;
    uint64_t gicr;
    uint64_t gicr_size;
    uint64_t uart;
    unsigned uart_intid; /* 0 if the device tree names none */
    bool psci_smc;       /* PSCI conduit: SMC (else HVC) */
    const void *dtb;     /* the machine's device tree, kept (reserved) */
    uint64_t dtb_size;
};

extern struct platform platform;

int platform_probe(const void *dtb);

#endif
