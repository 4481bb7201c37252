build2/hyp/arch/arm64/el1_state.c.o: arch/arm64/el1_state.c \
 hypervisor/include/septum/string.h arch/arm64/include/arch/el1_state.h \
 arch/arm64/include/arch/types.h hypervisor/include/septum/config.h \
 hypervisor/include/public/septum.h hypervisor/include/septum/hal.h \
 hypervisor/include/septum/spinlock.h arch/arm64/include/arch/sysreg.h
hypervisor/include/septum/string.h:
arch/arm64/include/arch/el1_state.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/spinlock.h:
arch/arm64/include/arch/sysreg.h:
