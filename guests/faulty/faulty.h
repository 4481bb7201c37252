/* faulty's modes: the common ones in main.c, the architecture's own
 * misbehaviours in <arch>/modes.c. */
#ifndef FAULTY_H
#define FAULTY_H

#include <stdint.h>
#include "lib/arch.h"

/* A bootargs word and what faulty does for it. */
struct faulty_mode {
    const char *word;
    void (*run)(void);
};

/* Provided by <arch>/modes.c. */
extern const struct faulty_mode faulty_arch_modes[];
extern const unsigned faulty_arch_mode_count;
/* An address that is never guest RAM nor a guest device. */
extern const uintptr_t faulty_outside_ram;

/* Exceptions faulty's handler has taken (and stepped over) so far. */
unsigned faulty_exceptions(void);

/* Prints whether exactly one exception of this kind came since `before`
 * was counted, from the guest's kernel mode, at pc (0: anywhere) and, for
 * access faults, at addr: "faulty: <what> took <kind> at its own vector". */
void expect_taken(const char *what, unsigned before, enum exception_kind kind, uint64_t pc,
                  uint64_t addr);

#endif
