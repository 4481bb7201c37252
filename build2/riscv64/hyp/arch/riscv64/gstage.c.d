build2/riscv64/hyp/arch/riscv64/gstage.c.o: arch/riscv64/gstage.c \
 hypervisor/include/septum/hal.h arch/riscv64/include/arch/csr.h \
 arch/riscv64/include/arch/gstage.h hypervisor/include/septum/config.h \
 hypervisor/include/public/septum.h hypervisor/include/septum/stage2.h \
 hypervisor/include/septum/arch.h arch/riscv64/include/arch/types.h \
 arch/riscv64/include/arch/vplic.h hypervisor/include/septum/spinlock.h
hypervisor/include/septum/hal.h:
arch/riscv64/include/arch/csr.h:
arch/riscv64/include/arch/gstage.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/stage2.h:
hypervisor/include/septum/arch.h:
arch/riscv64/include/arch/types.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
