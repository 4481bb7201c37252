build2/hyp/arch/arm64/gic.c.o: arch/arm64/gic.c \
 hypervisor/include/septum/errno.h hypervisor/include/septum/log.h \
 arch/arm64/include/arch/gic.h arch/arm64/include/arch/vgic_lr.h \
 arch/arm64/include/arch/pcpu.h hypervisor/include/septum/config.h \
 hypervisor/include/public/septum.h hypervisor/include/septum/hal.h \
 arch/arm64/include/arch/pcpu_offsets.h arch/arm64/include/arch/types.h \
 hypervisor/include/septum/spinlock.h arch/arm64/include/arch/platform.h \
 hypervisor/include/septum/platform.h arch/arm64/include/arch/sysreg.h
hypervisor/include/septum/errno.h:
hypervisor/include/septum/log.h:
arch/arm64/include/arch/gic.h:
arch/arm64/include/arch/vgic_lr.h:
arch/arm64/include/arch/pcpu.h:
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
arch/arm64/include/arch/pcpu_offsets.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/spinlock.h:
arch/arm64/include/arch/platform.h:
hypervisor/include/septum/platform.h:
arch/arm64/include/arch/sysreg.h:
