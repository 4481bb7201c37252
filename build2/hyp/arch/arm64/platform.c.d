build2/hyp/arch/arm64/platform.c.o: arch/arm64/platform.c \
 hypervisor/include/septum/arch.h arch/arm64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/spinlock.h \
 hypervisor/include/septum/errno.h hypervisor/include/septum/fdt.h \
 hypervisor/include/septum/string.h arch/arm64/include/arch/platform.h \
 hypervisor/include/septum/platform.h
hypervisor/include/septum/arch.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/fdt.h:
hypervisor/include/septum/string.h:
arch/arm64/include/arch/platform.h:
hypervisor/include/septum/platform.h:
