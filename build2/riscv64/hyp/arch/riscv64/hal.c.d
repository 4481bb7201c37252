build2/riscv64/hyp/arch/riscv64/hal.c.o: arch/riscv64/hal.c \
 hypervisor/include/septum/hal.h hypervisor/include/septum/platform.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/string.h hypervisor/include/septum/ticks.h \
 arch/riscv64/include/arch/csr.h arch/riscv64/include/arch/machine.h \
 arch/riscv64/include/arch/pcpu.h \
 arch/riscv64/include/arch/pcpu_offsets.h \
 arch/riscv64/include/arch/types.h arch/riscv64/include/arch/vplic.h \
 hypervisor/include/septum/spinlock.h arch/riscv64/include/arch/sbi.h
hypervisor/include/septum/hal.h:
hypervisor/include/septum/platform.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/string.h:
hypervisor/include/septum/ticks.h:
arch/riscv64/include/arch/csr.h:
arch/riscv64/include/arch/machine.h:
arch/riscv64/include/arch/pcpu.h:
arch/riscv64/include/arch/pcpu_offsets.h:
arch/riscv64/include/arch/types.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
arch/riscv64/include/arch/sbi.h:
