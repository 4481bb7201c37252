build2/riscv64/hyp/arch/riscv64/head.S.o: arch/riscv64/head.S \
 arch/riscv64/include/arch/csr.h
arch/riscv64/include/arch/csr.h:
