build2/host/tests/host/test_errno_name.c.o: tests/host/test_errno_name.c \
 hypervisor/include/septum/errno.h tests/host/check.h
hypervisor/include/septum/errno.h:
tests/host/check.h:
