build2/host-riscv64/arch/riscv64/layout.c.o: arch/riscv64/layout.c \
 hypervisor/include/septum/arch.h arch/riscv64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h arch/riscv64/include/arch/vplic.h \
 hypervisor/include/septum/spinlock.h hypervisor/include/septum/vuart.h \
 arch/riscv64/include/arch/guest_layout.h
hypervisor/include/septum/arch.h:
arch/riscv64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/vuart.h:
arch/riscv64/include/arch/guest_layout.h:
