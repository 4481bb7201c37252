build2/host/tests/host/test_devmgr.c.o: tests/host/test_devmgr.c \
 hypervisor/include/septum/devmgr.h hypervisor/include/septum/config.h \
 hypervisor/include/public/septum.h hypervisor/include/septum/hal.h \
 hypervisor/include/septum/errno.h tests/host/check.h \
 tests/host/test_hal.h hypervisor/include/septum/ranges.h \
 hypervisor/include/septum/spinlock.h
hypervisor/include/septum/devmgr.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/errno.h:
tests/host/check.h:
tests/host/test_hal.h:
hypervisor/include/septum/ranges.h:
hypervisor/include/septum/spinlock.h:
