build2/host-riscv64/hypervisor/core/stage2.c.o: hypervisor/core/stage2.c \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/errno.h \
 hypervisor/include/septum/stage2.h hypervisor/include/septum/arch.h \
 arch/riscv64/include/arch/types.h arch/riscv64/include/arch/vplic.h \
 hypervisor/include/septum/spinlock.h
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/stage2.h:
hypervisor/include/septum/arch.h:
arch/riscv64/include/arch/types.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
