build2/riscv64/hyp/arch/riscv64/setup.c.o: arch/riscv64/setup.c \
 hypervisor/include/septum/arch.h arch/riscv64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h arch/riscv64/include/arch/vplic.h \
 hypervisor/include/septum/spinlock.h hypervisor/include/septum/errno.h \
 hypervisor/include/septum/log.h hypervisor/include/septum/platform.h \
 arch/riscv64/include/arch/csr.h arch/riscv64/include/arch/irq.h \
 arch/riscv64/include/arch/machine.h arch/riscv64/include/arch/pcpu.h \
 arch/riscv64/include/arch/pcpu_offsets.h \
 arch/riscv64/include/arch/plic.h arch/riscv64/include/arch/sbi.h \
 arch/riscv64/include/arch/vtimer.h
hypervisor/include/septum/arch.h:
arch/riscv64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
arch/riscv64/include/arch/vplic.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/log.h:
hypervisor/include/septum/platform.h:
arch/riscv64/include/arch/csr.h:
arch/riscv64/include/arch/irq.h:
arch/riscv64/include/arch/machine.h:
arch/riscv64/include/arch/pcpu.h:
arch/riscv64/include/arch/pcpu_offsets.h:
arch/riscv64/include/arch/plic.h:
arch/riscv64/include/arch/sbi.h:
arch/riscv64/include/arch/vtimer.h:
