build2/host/hypervisor/lib/errno_name.c.o: hypervisor/lib/errno_name.c \
 hypervisor/include/septum/errno.h
hypervisor/include/septum/errno.h:
