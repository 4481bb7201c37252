build2/hyp/arch/arm64/inject.c.o: arch/arm64/inject.c \
 arch/arm64/include/arch/inject.h arch/arm64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/spinlock.h \
 arch/arm64/include/arch/sysreg.h arch/arm64/include/arch/vexception.h
arch/arm64/include/arch/inject.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/spinlock.h:
arch/arm64/include/arch/sysreg.h:
arch/arm64/include/arch/vexception.h:
