build2/host/tests/host/test_format.c.o: tests/host/test_format.c \
 hypervisor/include/septum/format.h tests/host/check.h
hypervisor/include/septum/format.h:
tests/host/check.h:
