build2/riscv64/hyp/arch/riscv64/plic.c.o: arch/riscv64/plic.c \
 arch/riscv64/include/arch/pcpu.h hypervisor/include/septum/config.h \
 hypervisor/include/public/septum.h hypervisor/include/septum/hal.h \
 arch/riscv64/include/arch/pcpu_offsets.h \
 arch/riscv64/include/arch/types.h arch/riscv64/include/arch/vplic.h \
 hypervisor/include/septum/spinlock.h arch/riscv64/include/arch/machine.h \
 arch/riscv64/include/arch/plic.h
arch/riscv64/include/arch/pcpu.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
arch/riscv64/include/arch/pcpu_offsets.h:
arch/riscv64/include/arch/types.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
arch/riscv64/include/arch/machine.h:
arch/riscv64/include/arch/plic.h:
