build2/hyp/arch/arm64/mmu.c.o: arch/arm64/mmu.c \
 arch/arm64/include/arch/mmu.h arch/arm64/include/arch/sysreg.h
arch/arm64/include/arch/mmu.h:
arch/arm64/include/arch/sysreg.h:
