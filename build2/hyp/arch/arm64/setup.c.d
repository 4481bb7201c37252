build2/hyp/arch/arm64/setup.c.o: arch/arm64/setup.c \
 hypervisor/include/septum/arch.h arch/arm64/include/arch/types.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/spinlock.h \
 hypervisor/include/septum/boot.h hypervisor/include/septum/errno.h \
 hypervisor/include/septum/log.h hypervisor/include/septum/platform.h \
 arch/arm64/include/arch/gic.h arch/arm64/include/arch/mmu.h \
 arch/arm64/include/arch/pcpu.h arch/arm64/include/arch/pcpu_offsets.h \
 arch/arm64/include/arch/platform.h arch/arm64/include/arch/psci.h \
 arch/arm64/include/arch/sysreg.h
hypervisor/include/septum/arch.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/boot.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/log.h:
hypervisor/include/septum/platform.h:
arch/arm64/include/arch/gic.h:
arch/arm64/include/arch/mmu.h:
arch/arm64/include/arch/pcpu.h:
arch/arm64/include/arch/pcpu_offsets.h:
arch/arm64/include/arch/platform.h:
arch/arm64/include/arch/psci.h:
arch/arm64/include/arch/sysreg.h:
