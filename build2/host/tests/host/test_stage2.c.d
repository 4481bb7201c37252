build2/host/tests/host/test_stage2.c.o: tests/host/test_stage2.c \
 hypervisor/include/septum/errno.h hypervisor/include/septum/stage2.h \
 hypervisor/include/septum/arch.h arch/arm64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/spinlock.h \
 tests/host/check.h tests/host/test_hal.h \
 hypervisor/include/septum/ranges.h
hypervisor/include/septum/errno.h:
hypervisor/include/septum/stage2.h:
hypervisor/include/septum/arch.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/spinlock.h:
tests/host/check.h:
tests/host/test_hal.h:
hypervisor/include/septum/ranges.h:
