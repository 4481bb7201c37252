/* What the hypervisor learns about the machine from the device tree that
 * OpenSBI passes in a1. */
#ifndef ARCH_PLATFORM_H
#define ARCH_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>
#include <septum/config.h>

struct platform {
    uint64_t ram_base;
    uint64_t ram_size;
    unsigned nr_cpus;
    unsigned long hartid[MAX_PCPUS]; /* pCPU i is hart hartid[i]; pCPU 0 booted */
    uint64_t timebase_hz;            /* /cpus timebase-frequency */
    uint64_t plic;
    uint64_t plic_size;
    /* PLIC context of each pCPU's S mode, -1 if the tree names none. */
    int plic_context[MAX_PCPUS];
    uint64_t uart;
    unsigned uart_irq; /* PLIC source; 0 if the device tree names none */
    const void *dtb;   /* the machine's device tree, kept (reserved) */
    uint64_t dtb_size;
};

extern struct platform platform;

/* Probes the tree; boot_hart becomes pCPU 0. */
int platform_probe(const void *dtb, unsigned long boot_hart);

#endif
