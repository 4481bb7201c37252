/* Platform services the architecture-independent core relies on (the seed's
 * AxVMHal), prefix hal_: the other half of the pair with septum/arch.h. An
 * architecture implements those that are its own (arch/<arch>/hal.c: cache
 * maintenance, time, pCPU identity and kicks, power); the core implements
 * the rest on a machine (hypervisor/core/heap.c and platform.c, the console
 * in hypervisor/drivers/uart.c); host unit tests implement them all in
 * tests/host/test_hal.c. */
#ifndef SEPTUM_HAL_H
#define SEPTUM_HAL_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t;

struct vcpu;

/* Zeroed hypervisor memory (page tables, tables sized at domain creation).
 * A power-of-two number of pages comes aligned to its size (a RISC-V
 * G-stage root table is 16 KiB, 16 KiB aligned). */
void *hal_alloc_pages(size_t pages);
void hal_free_pages(void *p, size_t pages);

/* Zeroes guest memory and makes the zeros visible to a guest running with
 * its MMU off. The pool of free guest RAM is the core's (guest_ram.h). */
void hal_zero_for_guest(paddr_t pa, uint64_t size);

/* RAM the machine has. */
uint64_t hal_ram_total(void);
/* Free bytes of the hypervisor's own heap. */
uint64_t hal_heap_free_bytes(void);

/* The hypervisor's memory is identity mapped on every architecture (arm64's
 * EL2 tables; RISC-V runs with satp bare) and on the host in unit tests. */
static inline void *hal_phys_to_virt(paddr_t pa)
{
    return (void *)(uintptr_t)pa;
}

static inline paddr_t hal_virt_to_phys(const void *va)
{
    return (paddr_t)(uintptr_t)va;
}

/* Makes data written through the hypervisor's mapping visible to a guest
 * running with its MMU off (clean to the point of coherency). */
void hal_sync_for_guest(paddr_t pa, uint64_t size);

/* A device register access of size 1, 2, 4 or 8 bytes at a physical
 * address (a passed-through device's, forwarded or reset). */
uint64_t hal_mmio_read(paddr_t pa, unsigned size);
void hal_mmio_write(paddr_t pa, unsigned size, uint64_t value);
/* The machine's device tree as the hypervisor booted with it, and its
 * size. */
const void *hal_host_fdt(uint64_t *size);

uint64_t hal_time_ns(void);
unsigned hal_current_pcpu(void);
unsigned hal_nr_pcpus(void);
/* Interrupts a pCPU so that it re-examines the state of its vCPU. */
void hal_kick_pcpu(unsigned pcpu);
/* Writes to the hypervisor's own (physical) console. */
void hal_console_write(const char *s, size_t len);
/* Powers the whole machine off, or resets it; does not return. */
void hal_system_off(void) __attribute__((noreturn));
void hal_system_reset(void) __attribute__((noreturn));

#endif
