build2/host/tests/host/test_main.c.o: tests/host/test_main.c \
 tests/host/check.h
tests/host/check.h:
