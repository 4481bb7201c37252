build2/riscv64/hyp/arch/riscv64/entry.S.o: arch/riscv64/entry.S \
 arch/riscv64/include/arch/csr.h arch/riscv64/include/arch/pcpu_offsets.h
arch/riscv64/include/arch/csr.h:
arch/riscv64/include/arch/pcpu_offsets.h:
