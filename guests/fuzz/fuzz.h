/* fuzz's parts: the common loop, random numbers and hostile arguments in
 * main.c; each architecture's operations in <arch>/operations.c. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stdint.h>
#include "lib/arch.h"

/* SplitMix64 from the seed bootarg: a run is the same every time. */
uint64_t fuzz_random(void);
/* A number in [0, n). */
uint64_t fuzz_below(uint64_t n);
/* A call argument: random, an address in FUZZ_SCRATCH, or an edge value
 * (0, ~0, page and buffer-size boundaries). */
uint64_t fuzz_argument(void);
/* Where random calls may point their buffers: 8 KiB at 16 MiB into RAM,
 * so that even a buffer of SEPTUM_BUFFER_MAX (16 MiB) from there misses
 * the image, its stacks and the DTB at the end of the domain's 64 MiB. */
#define FUZZ_SCRATCH (GUEST_RAM_BASE + (16ul << 20))
#define FUZZ_SCRATCH_SIZE 8192ul
/* Bootarg mmio=any: also accesses the emulated devices refuse (wrong
 * size, no register there), which may stop the domain. */
extern bool fuzz_any_mmio;
/* One load or store of size 1, 2, 4 or 8 bytes at addr (a device's or
 * nothing's: the operations aim it). */
void fuzz_access(uintptr_t addr, unsigned size, bool write, uint64_t value);

/* Provided by <arch>/operations.c: one random operation, and how to go on
 * after an exception one of them caused. */
void fuzz_operation(void);
void fuzz_step_over(struct exception_frame *frame, uint64_t cause);

#endif
