build2/host-riscv64/hypervisor/core/ring.c.o: hypervisor/core/ring.c \
 hypervisor/include/septum/ring.h hypervisor/include/septum/spinlock.h
hypervisor/include/septum/ring.h:
hypervisor/include/septum/spinlock.h:
