build2/riscv64/hyp/hypervisor/drivers/ns16550.c.o: \
 hypervisor/drivers/ns16550.c hypervisor/include/septum/hal.h \
 hypervisor/include/septum/ns16550.h hypervisor/include/septum/uart.h
hypervisor/include/septum/hal.h:
hypervisor/include/septum/ns16550.h:
hypervisor/include/septum/uart.h:
