build2/host-riscv64/hypervisor/lib/format.c.o: hypervisor/lib/format.c \
 hypervisor/include/septum/format.h
hypervisor/include/septum/format.h:
