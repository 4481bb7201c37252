build2/host-riscv64/arch/riscv64/mmio_insn.c.o: arch/riscv64/mmio_insn.c \
 hypervisor/include/septum/errno.h arch/riscv64/include/arch/mmio_insn.h
hypervisor/include/septum/errno.h:
arch/riscv64/include/arch/mmio_insn.h:
