build2/host/hypervisor/lib/format.c.o: hypervisor/lib/format.c \
 hypervisor/include/septum/format.h
hypervisor/include/septum/format.h:
