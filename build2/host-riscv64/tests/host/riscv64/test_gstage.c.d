build2/host-riscv64/tests/host/riscv64/test_gstage.c.o: \
 tests/host/riscv64/test_gstage.c hypervisor/include/septum/errno.h \
 arch/riscv64/include/arch/gstage.h hypervisor/include/septum/config.h \
 hypervisor/include/public/septum.h hypervisor/include/septum/hal.h \
 hypervisor/include/septum/stage2.h hypervisor/include/septum/arch.h \
 arch/riscv64/include/arch/types.h arch/riscv64/include/arch/vplic.h \
 hypervisor/include/septum/spinlock.h tests/host/check.h \
 tests/host/test_hal.h hypervisor/include/septum/ranges.h
hypervisor/include/septum/errno.h:
arch/riscv64/include/arch/gstage.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/stage2.h:
hypervisor/include/septum/arch.h:
arch/riscv64/include/arch/types.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
tests/host/check.h:
tests/host/test_hal.h:
hypervisor/include/septum/ranges.h:
