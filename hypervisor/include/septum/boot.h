/* The boot flow and the pCPU loop (hypervisor/core/boot.c, pcpu_loop.c),
 * entered from an architecture's entry code. */
#ifndef SEPTUM_BOOT_H
#define SEPTUM_BOOT_H

/* The boot pCPU, with the machine's device tree: probes the machine, sets
 * up memory and interrupts, wakes the other pCPUs, starts the boot-time
 * domains and joins the pCPU loop. */
void boot_primary(const void *dtb) __attribute__((noreturn));
/* Every other pCPU, once arch_pcpu_start() started it. */
void boot_secondary(unsigned id) __attribute__((noreturn));
/* Runs the pCPU's vCPU whenever it may run, else idles. */
void pcpu_loop(void) __attribute__((noreturn));

#endif
