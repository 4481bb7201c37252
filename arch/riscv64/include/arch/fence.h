/* Address-translation fences of the H extension, encoded by hand so that
 * the hypervisor builds with an -march that leaves H out (guests' code
 * never comes from the compiler here). */
#ifndef ARCH_FENCE_H
#define ARCH_FENCE_H

/* hfence.gvma zero, zero: every G-stage translation of every VMID. */
static inline void hfence_gvma_all(void)
{
    __asm__ volatile(".4byte 0x62000073" ::: "memory");
}

/* fence.i: this hart fetches what was stored before. */
static inline void fence_i(void)
{
    __asm__ volatile("fence.i" ::: "memory");
}

#endif
