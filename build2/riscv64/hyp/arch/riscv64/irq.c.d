build2/riscv64/hyp/arch/riscv64/irq.c.o: arch/riscv64/irq.c \
 hypervisor/include/septum/platform.h hypervisor/include/septum/config.h \
 hypervisor/include/public/septum.h hypervisor/include/septum/hal.h \
 hypervisor/include/septum/uart.h hypervisor/include/septum/vm.h \
 hypervisor/include/septum/aspace.h hypervisor/include/septum/stage2.h \
 hypervisor/include/septum/arch.h arch/riscv64/include/arch/types.h \
 arch/riscv64/include/arch/vplic.h hypervisor/include/septum/spinlock.h \
 hypervisor/include/septum/boot_image.h \
 hypervisor/include/septum/console.h hypervisor/include/septum/ring.h \
 hypervisor/include/septum/devmgr.h \
 hypervisor/include/septum/power_keys.h \
 hypervisor/include/septum/ranges.h hypervisor/include/septum/shm.h \
 hypervisor/include/septum/vuart.h arch/riscv64/include/arch/csr.h \
 arch/riscv64/include/arch/irq.h arch/riscv64/include/arch/plic.h \
 arch/riscv64/include/arch/vtimer.h
hypervisor/include/septum/platform.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/uart.h:
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
arch/riscv64/include/arch/irq.h:
arch/riscv64/include/arch/plic.h:
arch/riscv64/include/arch/vtimer.h:
