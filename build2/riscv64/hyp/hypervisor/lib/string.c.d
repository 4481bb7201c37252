build2/riscv64/hyp/hypervisor/lib/string.c.o: hypervisor/lib/string.c \
 hypervisor/include/septum/string.h
hypervisor/include/septum/string.h:
