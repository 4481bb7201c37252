build2/riscv64/hyp/arch/riscv64/ctz.c.o: arch/riscv64/ctz.c
