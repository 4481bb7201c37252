build2/hyp/hypervisor/drivers/pl011.c.o: hypervisor/drivers/pl011.c \
 hypervisor/include/septum/hal.h hypervisor/include/septum/pl011.h \
 hypervisor/include/septum/uart.h
hypervisor/include/septum/hal.h:
hypervisor/include/septum/pl011.h:
hypervisor/include/septum/uart.h:
