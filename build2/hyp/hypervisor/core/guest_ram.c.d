build2/hyp/hypervisor/core/guest_ram.c.o: hypervisor/core/guest_ram.c \
 hypervisor/include/septum/errno.h hypervisor/include/septum/guest_ram.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/ranges.h \
 hypervisor/include/septum/spinlock.h hypervisor/include/septum/log.h
hypervisor/include/septum/errno.h:
hypervisor/include/septum/guest_ram.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/ranges.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/log.h:
