build2/host/tests/host/test_vexception.c.o: tests/host/test_vexception.c \
 arch/arm64/include/arch/vexception.h tests/host/check.h
arch/arm64/include/arch/vexception.h:
tests/host/check.h:
