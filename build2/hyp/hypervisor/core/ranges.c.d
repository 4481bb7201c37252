build2/hyp/hypervisor/core/ranges.c.o: hypervisor/core/ranges.c \
 hypervisor/include/septum/errno.h hypervisor/include/septum/ranges.h \
 hypervisor/include/septum/spinlock.h hypervisor/include/septum/string.h
hypervisor/include/septum/errno.h:
hypervisor/include/septum/ranges.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/string.h:
