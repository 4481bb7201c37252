/* The boot flow and the pCPU loop (hypervisor/core/boot.c, pcpu_loop.c),
 * entered from an architecture's entry code. */
#ifndef SEPTUM_BOOT_H
#define SEPTUM_BOOT_H

struct vcpu;

/* The boot pCPU, with the machine's device tree: probes the machine, sets
 * up memory and interrupts, wakes the other pCPUs, starts the boot-time
 * domains and joins the pCPU loop. */
void boot_primary(const void *dtb) __attribute__((noreturn));
/* Every other pCPU, once arch_pcpu_start() started it. */
void boot_secondary(unsigned id) __attribute__((noreturn));
/* Runs the pCPU's vCPU whenever it may run, else idles. */
void pcpu_loop(void) __attribute__((noreturn));
/* A vCPU waiting for an interrupt (a trapped WFI) gives its pCPU back to
 * the hypervisor, which sleeps itself until the vCPU has an interrupt to
 * take or its state changed (its attention flag); the wait is not the
 * vCPU's CPU time. From the vCPU's exit path. */
void vcpu_wait_for_irq(struct vcpu *vcpu);

#endif
