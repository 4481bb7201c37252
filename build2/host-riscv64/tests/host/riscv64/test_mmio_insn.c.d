build2/host-riscv64/tests/host/riscv64/test_mmio_insn.c.o: \
 tests/host/riscv64/test_mmio_insn.c hypervisor/include/septum/errno.h \
 arch/riscv64/include/arch/mmio_insn.h tests/host/check.h
hypervisor/include/septum/errno.h:
arch/riscv64/include/arch/mmio_insn.h:
tests/host/check.h:
