/* The standard device tree a domain boots with (hypervisor/core/guest_fdt.c):
 * its memory, command line, console UART, power keys, shared memory,
 * passed-through devices and the hypervisor node; the architecture adds its
 * CPUs, interrupt controller and timer (septum/arch.h, arch_fdt_*). */
#ifndef SEPTUM_GUEST_FDT_H
#define SEPTUM_GUEST_FDT_H

#include <stddef.h>
#include <stdint.h>

struct vm;
struct fdt_writer;

/* Builds the guest's device tree into buf; returns its size or -errno. */
int guest_fdt_build(const struct vm *vm, void *buf, size_t cap);
/* A `reg` of one range with two address and two size cells (the root's). */
void guest_fdt_reg64(struct fdt_writer *w, uint64_t base, uint64_t size);
/* A string-list property of two strings. */
void guest_fdt_strings(struct fdt_writer *w, const char *name, const char *a, const char *b);

#endif
