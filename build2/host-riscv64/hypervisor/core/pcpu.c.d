build2/host-riscv64/hypervisor/core/pcpu.c.o: hypervisor/core/pcpu.c \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/errno.h \
 hypervisor/include/septum/pcpu.h
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/pcpu.h:
