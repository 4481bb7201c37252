build2/riscv64/hyp/arch/riscv64/sbi.c.o: arch/riscv64/sbi.c \
 arch/riscv64/include/arch/csr.h arch/riscv64/include/arch/sbi.h \
 hypervisor/include/public/septum.h
arch/riscv64/include/arch/csr.h:
arch/riscv64/include/arch/sbi.h:
hypervisor/include/public/septum.h:
