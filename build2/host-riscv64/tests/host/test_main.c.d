build2/host-riscv64/tests/host/test_main.c.o: tests/host/test_main.c \
 tests/host/check.h
tests/host/check.h:
