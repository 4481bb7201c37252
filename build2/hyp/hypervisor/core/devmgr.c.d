build2/hyp/hypervisor/core/devmgr.c.o: hypervisor/core/devmgr.c \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/devmgr.h \
 hypervisor/include/septum/errno.h hypervisor/include/septum/string.h
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/devmgr.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/string.h:
