build2/riscv64/hyp/arch/riscv64/vexception.c.o: arch/riscv64/vexception.c \
 arch/riscv64/include/arch/csr.h arch/riscv64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h arch/riscv64/include/arch/vplic.h \
 hypervisor/include/septum/spinlock.h \
 arch/riscv64/include/arch/vexception.h
arch/riscv64/include/arch/csr.h:
arch/riscv64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
arch/riscv64/include/arch/vexception.h:
