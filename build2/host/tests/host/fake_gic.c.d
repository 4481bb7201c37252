build2/host/tests/host/fake_gic.c.o: tests/host/fake_gic.c \
 arch/arm64/include/arch/gic.h arch/arm64/include/arch/vgic_lr.h \
 tests/host/check.h tests/host/fake_gic.h tests/host/test_hal.h \
 hypervisor/include/septum/ranges.h hypervisor/include/septum/spinlock.h
arch/arm64/include/arch/gic.h:
arch/arm64/include/arch/vgic_lr.h:
tests/host/check.h:
tests/host/fake_gic.h:
tests/host/test_hal.h:
hypervisor/include/septum/ranges.h:
hypervisor/include/septum/spinlock.h:
