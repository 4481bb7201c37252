build2/hyp/hypervisor/core/image.c.o: hypervisor/core/image.c \
 hypervisor/include/septum/arch.h arch/arm64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/spinlock.h \
 hypervisor/include/septum/errno.h hypervisor/include/septum/image.h
hypervisor/include/septum/arch.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/image.h:
