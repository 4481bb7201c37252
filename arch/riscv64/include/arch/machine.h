/* What riscv64 learns about the machine beyond the core's septum/platform.h
 * (memory, harts, console): the timebase, the PLIC and its contexts. */
#ifndef ARCH_MACHINE_H
#define ARCH_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <septum/config.h>

struct machine {
    uint64_t timebase_hz; /* /cpus timebase-frequency */
    bool isa_sstc;        /* the boot hart's riscv,isa names Sstc */
    bool fpu_d;           /* ... and D: guests' FP registers to clear */
    bool sstc;            /* guests have vstimecmp (vtimer.c found out) */
    uint64_t plic;
    uint64_t plic_size;
    /* PLIC context of each pCPU's S mode, -1 if the tree names none. */
    int plic_context[MAX_PCPUS];
};

extern struct machine machine;
/* Zeroes the FP registers and fcsr (fp.S); harts with D only. */
void fp_clear(void);
/* The hart OpenSBI booted (head.S): it is pCPU 0. */
extern unsigned long boot_hart;

#endif
