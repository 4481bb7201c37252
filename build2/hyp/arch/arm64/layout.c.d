build2/hyp/arch/arm64/layout.c.o: arch/arm64/layout.c \
 hypervisor/include/septum/arch.h arch/arm64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/spinlock.h \
 hypervisor/include/septum/vuart.h
hypervisor/include/septum/arch.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/vuart.h:
