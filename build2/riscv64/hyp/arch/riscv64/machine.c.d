build2/riscv64/hyp/arch/riscv64/machine.c.o: arch/riscv64/machine.c \
 hypervisor/include/septum/arch.h arch/riscv64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h arch/riscv64/include/arch/vplic.h \
 hypervisor/include/septum/spinlock.h hypervisor/include/septum/errno.h \
 hypervisor/include/septum/fdt.h hypervisor/include/septum/platform.h \
 hypervisor/include/septum/string.h arch/riscv64/include/arch/csr.h \
 arch/riscv64/include/arch/machine.h
hypervisor/include/septum/arch.h:
arch/riscv64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/fdt.h:
hypervisor/include/septum/platform.h:
hypervisor/include/septum/string.h:
arch/riscv64/include/arch/csr.h:
arch/riscv64/include/arch/machine.h:
