build2/host-riscv64/hypervisor/lib/fdt.c.o: hypervisor/lib/fdt.c \
 hypervisor/include/septum/errno.h hypervisor/include/septum/fdt.h \
 hypervisor/include/septum/string.h
hypervisor/include/septum/errno.h:
hypervisor/include/septum/fdt.h:
hypervisor/include/septum/string.h:
