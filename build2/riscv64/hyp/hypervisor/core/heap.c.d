build2/riscv64/hyp/hypervisor/core/heap.c.o: hypervisor/core/heap.c \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/heap.h \
 hypervisor/include/septum/ranges.h hypervisor/include/septum/spinlock.h \
 hypervisor/include/septum/string.h
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/heap.h:
hypervisor/include/septum/ranges.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/string.h:
