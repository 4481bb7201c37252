build2/hyp/arch/arm64/hal.c.o: arch/arm64/hal.c \
 hypervisor/include/septum/hal.h hypervisor/include/septum/string.h \
 hypervisor/include/septum/ticks.h arch/arm64/include/arch/gic.h \
 arch/arm64/include/arch/pcpu.h hypervisor/include/septum/config.h \
 hypervisor/include/public/septum.h \
 arch/arm64/include/arch/pcpu_offsets.h arch/arm64/include/arch/types.h \
 hypervisor/include/septum/spinlock.h arch/arm64/include/arch/psci.h \
 arch/arm64/include/arch/sysreg.h
hypervisor/include/septum/hal.h:
hypervisor/include/septum/string.h:
hypervisor/include/septum/ticks.h:
arch/arm64/include/arch/gic.h:
arch/arm64/include/arch/pcpu.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
arch/arm64/include/arch/pcpu_offsets.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/spinlock.h:
arch/arm64/include/arch/psci.h:
arch/arm64/include/arch/sysreg.h:
