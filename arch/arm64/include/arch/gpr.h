/* General-purpose register operands of a trapped instruction, as the
 * syndrome or the instruction names them: register 31 is XZR, which reads
 * as zero and ignores writes. */
#ifndef ARCH_GPR_H
#define ARCH_GPR_H

#include <stdint.h>
#include <arch/types.h>

#define GPR_ZR 31

static inline uint64_t gpr_read(const struct guest_regs *regs, unsigned n)
{
    return n == GPR_ZR ? 0 : regs->x[n];
}

static inline void gpr_write(struct guest_regs *regs, unsigned n, uint64_t v)
{
    if (n != GPR_ZR)
        regs->x[n] = v;
}

#endif
