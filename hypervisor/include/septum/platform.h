/* What the core learns about the machine from the device tree the boot
 * loader passes (hypervisor/core/platform.c); arch_platform_probe() learns
 * the rest. */
#ifndef SEPTUM_PLATFORM_H
#define SEPTUM_PLATFORM_H

#include <stdint.h>
#include <septum/config.h>

struct fdt;
struct uart_driver;

struct platform {
    uint64_t ram_base;
    uint64_t ram_size;
    unsigned nr_cpus;
    /* Each CPU's `reg` in /cpus, in the tree's order (pCPU i): its MPIDR
     * on arm64, its hart id on RISC-V. */
    uint64_t cpu_id[MAX_PCPUS];
    const void *dtb; /* the machine's device tree, kept (reserved) */
    uint64_t dtb_size;
    /* The hypervisor's console (hypervisor/drivers/): the UART
     * /chosen/stdout-path names, else the first one a driver knows. */
    const struct uart_driver *uart_driver;
    uint64_t uart;
    uint64_t uart_size;
    unsigned uart_irq; /* 0 if the device tree names none */
};

extern struct platform platform;

/* Opens the machine's device tree and reads memory, CPUs and console. */
int platform_probe(const void *dtb, struct fdt *fdt);

#endif
