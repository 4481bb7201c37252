build2/host/tests/host/test_fdt.c.o: tests/host/test_fdt.c \
 hypervisor/include/septum/errno.h hypervisor/include/septum/fdt.h \
 tests/host/check.h
hypervisor/include/septum/errno.h:
hypervisor/include/septum/fdt.h:
tests/host/check.h:
