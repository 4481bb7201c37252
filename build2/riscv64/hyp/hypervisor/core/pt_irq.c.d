build2/riscv64/hyp/hypervisor/core/pt_irq.c.o: hypervisor/core/pt_irq.c \
 hypervisor/include/septum/arch.h arch/riscv64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h arch/riscv64/include/arch/vplic.h \
 hypervisor/include/septum/spinlock.h hypervisor/include/septum/errno.h \
 hypervisor/include/septum/log.h hypervisor/include/septum/passthrough.h \
 hypervisor/include/septum/platform.h hypervisor/include/septum/vm.h \
 hypervisor/include/septum/aspace.h hypervisor/include/septum/stage2.h \
 hypervisor/include/septum/boot_image.h \
 hypervisor/include/septum/console.h hypervisor/include/septum/ring.h \
 hypervisor/include/septum/devmgr.h \
 hypervisor/include/septum/power_keys.h \
 hypervisor/include/septum/ranges.h hypervisor/include/septum/shm.h \
 hypervisor/include/septum/vuart.h
hypervisor/include/septum/arch.h:
arch/riscv64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/log.h:
hypervisor/include/septum/passthrough.h:
hypervisor/include/septum/platform.h:
hypervisor/include/septum/vm.h:
hypervisor/include/septum/aspace.h:
hypervisor/include/septum/stage2.h:
hypervisor/include/septum/boot_image.h:
hypervisor/include/septum/console.h:
hypervisor/include/septum/ring.h:
hypervisor/include/septum/devmgr.h:
hypervisor/include/septum/power_keys.h:
hypervisor/include/septum/ranges.h:
hypervisor/include/septum/shm.h:
hypervisor/include/septum/vuart.h:
