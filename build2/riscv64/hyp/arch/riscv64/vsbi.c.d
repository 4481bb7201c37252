build2/riscv64/hyp/arch/riscv64/vsbi.c.o: arch/riscv64/vsbi.c \
 hypervisor/include/public/septum.h hypervisor/include/septum/errno.h \
 hypervisor/include/septum/hypercall.h \
 hypervisor/include/septum/platform.h hypervisor/include/septum/config.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/vm.h \
 hypervisor/include/septum/aspace.h hypervisor/include/septum/stage2.h \
 hypervisor/include/septum/arch.h arch/riscv64/include/arch/types.h \
 arch/riscv64/include/arch/vplic.h hypervisor/include/septum/spinlock.h \
 hypervisor/include/septum/boot_image.h \
 hypervisor/include/septum/console.h hypervisor/include/septum/ring.h \
 hypervisor/include/septum/devmgr.h \
 hypervisor/include/septum/power_keys.h \
 hypervisor/include/septum/ranges.h hypervisor/include/septum/shm.h \
 hypervisor/include/septum/vuart.h arch/riscv64/include/arch/csr.h \
 arch/riscv64/include/arch/sbi.h arch/riscv64/include/arch/vinject.h \
 arch/riscv64/include/arch/vsbi.h arch/riscv64/include/arch/vtimer.h
hypervisor/include/public/septum.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/hypercall.h:
hypervisor/include/septum/platform.h:
hypervisor/include/septum/config.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/vm.h:
hypervisor/include/septum/aspace.h:
hypervisor/include/septum/stage2.h:
hypervisor/include/septum/arch.h:
arch/riscv64/include/arch/types.h:
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
arch/riscv64/include/arch/csr.h:
arch/riscv64/include/arch/sbi.h:
arch/riscv64/include/arch/vinject.h:
arch/riscv64/include/arch/vsbi.h:
arch/riscv64/include/arch/vtimer.h:
