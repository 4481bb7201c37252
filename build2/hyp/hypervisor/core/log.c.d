build2/hyp/hypervisor/core/log.c.o: hypervisor/core/log.c \
 hypervisor/include/septum/console.h hypervisor/include/septum/ring.h \
 hypervisor/include/septum/spinlock.h hypervisor/include/septum/format.h \
 hypervisor/include/septum/log.h
hypervisor/include/septum/console.h:
hypervisor/include/septum/ring.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/format.h:
hypervisor/include/septum/log.h:
