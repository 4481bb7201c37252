build2/hyp/arch/arm64/vexception.c.o: arch/arm64/vexception.c \
 arch/arm64/include/arch/vexception.h
arch/arm64/include/arch/vexception.h:
