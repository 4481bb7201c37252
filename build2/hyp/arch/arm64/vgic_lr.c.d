build2/hyp/arch/arm64/vgic_lr.c.o: arch/arm64/vgic_lr.c \
 arch/arm64/include/arch/sysreg.h arch/arm64/include/arch/vgic_lr.h
arch/arm64/include/arch/sysreg.h:
arch/arm64/include/arch/vgic_lr.h:
