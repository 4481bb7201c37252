/* Sizes shared by the assembly entry code and the C runtime. */
#ifndef GUEST_CONFIG_H
#define GUEST_CONFIG_H

/* Most CPUs a guest can drive; the smp guest fails cleanly beyond this. */
#define GUEST_MAX_CPUS 8

/* Per-CPU stack size; printf and the exception frame need well under 4 KiB. */
#define GUEST_STACK_SIZE 0x4000

#endif
