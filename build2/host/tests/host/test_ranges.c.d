build2/host/tests/host/test_ranges.c.o: tests/host/test_ranges.c \
 hypervisor/include/septum/errno.h hypervisor/include/septum/ranges.h \
 hypervisor/include/septum/spinlock.h tests/host/check.h
hypervisor/include/septum/errno.h:
hypervisor/include/septum/ranges.h:
hypervisor/include/septum/spinlock.h:
tests/host/check.h:
