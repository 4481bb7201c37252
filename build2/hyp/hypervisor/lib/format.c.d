build2/hyp/hypervisor/lib/format.c.o: hypervisor/lib/format.c \
 hypervisor/include/septum/format.h
hypervisor/include/septum/format.h:
