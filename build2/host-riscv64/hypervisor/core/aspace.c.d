build2/host-riscv64/hypervisor/core/aspace.c.o: hypervisor/core/aspace.c \
 hypervisor/include/septum/aspace.h hypervisor/include/septum/hal.h \
 hypervisor/include/septum/stage2.h hypervisor/include/septum/arch.h \
 arch/riscv64/include/arch/types.h hypervisor/include/septum/config.h \
 hypervisor/include/public/septum.h arch/riscv64/include/arch/vplic.h \
 hypervisor/include/septum/spinlock.h hypervisor/include/septum/errno.h \
 hypervisor/include/septum/string.h
hypervisor/include/septum/aspace.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/stage2.h:
hypervisor/include/septum/arch.h:
arch/riscv64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/string.h:
