build2/hyp/arch/arm64/psci.c.o: arch/arm64/psci.c \
 arch/arm64/include/arch/platform.h hypervisor/include/septum/platform.h \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h arch/arm64/include/arch/psci.h
arch/arm64/include/arch/platform.h:
hypervisor/include/septum/platform.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
arch/arm64/include/arch/psci.h:
