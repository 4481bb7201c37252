build2/host-riscv64/tests/host/riscv64/test_arch_riscv64.c.o: \
 tests/host/riscv64/test_arch_riscv64.c hypervisor/include/septum/vm.h \
 hypervisor/include/septum/aspace.h hypervisor/include/septum/hal.h \
 hypervisor/include/septum/stage2.h hypervisor/include/septum/arch.h \
 arch/riscv64/include/arch/types.h hypervisor/include/septum/config.h \
 hypervisor/include/public/septum.h arch/riscv64/include/arch/vplic.h \
 hypervisor/include/septum/spinlock.h \
 hypervisor/include/septum/boot_image.h \
 hypervisor/include/septum/console.h hypervisor/include/septum/ring.h \
 hypervisor/include/septum/devmgr.h \
 hypervisor/include/septum/power_keys.h \
 hypervisor/include/septum/ranges.h hypervisor/include/septum/shm.h \
 hypervisor/include/septum/vuart.h arch/riscv64/include/arch/machine.h \
 tests/host/test_hal.h
hypervisor/include/septum/vm.h:
hypervisor/include/septum/aspace.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/stage2.h:
hypervisor/include/septum/arch.h:
arch/riscv64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/boot_image.h:
hypervisor/include/septum/console.h:
hypervisor/include/septum/ring.h:
hypervisor/include/septum/devmgr.h:
hypervisor/include/septum/power_keys.h:
hypervisor/include/septum/ranges.h:
hypervisor/include/septum/shm.h:
hypervisor/include/septum/vuart.h:
arch/riscv64/include/arch/machine.h:
tests/host/test_hal.h:
