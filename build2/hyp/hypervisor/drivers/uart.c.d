build2/hyp/hypervisor/drivers/uart.c.o: hypervisor/drivers/uart.c \
 hypervisor/include/septum/arch.h arch/arm64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/spinlock.h \
 hypervisor/include/septum/console.h hypervisor/include/septum/ring.h \
 hypervisor/include/septum/errno.h hypervisor/include/septum/fdt.h \
 hypervisor/include/septum/platform.h hypervisor/include/septum/uart.h
hypervisor/include/septum/arch.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/console.h:
hypervisor/include/septum/ring.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/fdt.h:
hypervisor/include/septum/platform.h:
hypervisor/include/septum/uart.h:
