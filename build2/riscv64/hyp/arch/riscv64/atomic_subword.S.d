build2/riscv64/hyp/arch/riscv64/atomic_subword.S.o: \
 arch/riscv64/atomic_subword.S
