build2/riscv64/hyp/hypervisor/lib/format.c.o: hypervisor/lib/format.c \
 hypervisor/include/septum/format.h
hypervisor/include/septum/format.h:
