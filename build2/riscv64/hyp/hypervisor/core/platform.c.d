build2/riscv64/hyp/hypervisor/core/platform.c.o: \
 hypervisor/core/platform.c hypervisor/include/septum/errno.h \
 hypervisor/include/septum/fdt.h hypervisor/include/septum/hal.h \
 hypervisor/include/septum/log.h hypervisor/include/septum/platform.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/string.h hypervisor/include/septum/uart.h
hypervisor/include/septum/errno.h:
hypervisor/include/septum/fdt.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/log.h:
hypervisor/include/septum/platform.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/string.h:
hypervisor/include/septum/uart.h:
