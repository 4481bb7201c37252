build2/host/tests/host/test_image.c.o: tests/host/test_image.c \
 hypervisor/include/septum/errno.h hypervisor/include/septum/image.h \
 tests/host/check.h
hypervisor/include/septum/errno.h:
hypervisor/include/septum/image.h:
tests/host/check.h:
