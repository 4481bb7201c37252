/* The instruction behind an MMIO access that trapped without a syndrome:
 * read from the guest and decoded, and its base-register writeback done.
 * Off the exit fast path. */
#ifndef ARCH_MMIO_INSN_H
#define ARCH_MMIO_INSN_H

#include <septum/vm.h>
#include <arch/mmio_decode.h>

/* Reads and decodes the instruction at regs->elr: 0; -EFAULT if it is not
 * in the domain's RAM through the guest's own translation; -EOPNOTSUPP if
 * it is not an emulable load or store. */
int mmio_insn_fetch(const struct vm *vm, const struct guest_regs *regs, struct mmio_insn *insn);

/* A pre- or post-indexed access's update of its base register. */
void mmio_insn_writeback(struct guest_regs *regs, const struct mmio_insn *insn);

#endif
