build2/hyp/arch/arm64/stage2.c.o: arch/arm64/stage2.c \
 hypervisor/include/septum/hal.h arch/arm64/include/arch/stage2.h \
 hypervisor/include/septum/stage2.h hypervisor/include/septum/arch.h \
 arch/arm64/include/arch/types.h hypervisor/include/septum/config.h \
 hypervisor/include/public/septum.h hypervisor/include/septum/spinlock.h
hypervisor/include/septum/hal.h:
arch/arm64/include/arch/stage2.h:
hypervisor/include/septum/stage2.h:
hypervisor/include/septum/arch.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/spinlock.h:
