build2/riscv64/hyp/arch/riscv64/fp.S.o: arch/riscv64/fp.S
