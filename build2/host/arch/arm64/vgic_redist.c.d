build2/host/arch/arm64/vgic_redist.c.o: arch/arm64/vgic_redist.c \
 hypervisor/include/septum/config.h hypervisor/include/public/septum.h \
 hypervisor/include/septum/hal.h hypervisor/include/septum/errno.h \
 hypervisor/include/septum/vm.h hypervisor/include/septum/aspace.h \
 hypervisor/include/septum/stage2.h hypervisor/include/septum/arch.h \
 arch/arm64/include/arch/types.h hypervisor/include/septum/spinlock.h \
 hypervisor/include/septum/boot_image.h \
 hypervisor/include/septum/console.h hypervisor/include/septum/ring.h \
 hypervisor/include/septum/devmgr.h \
 hypervisor/include/septum/power_keys.h \
 hypervisor/include/septum/ranges.h hypervisor/include/septum/shm.h \
 hypervisor/include/septum/vuart.h arch/arm64/include/arch/vgic.h \
 arch/arm64/include/arch/vgic_internal.h \
 arch/arm64/include/arch/vgic_lr.h
hypervisor/include/septum/config.h:
hypervisor/include/public/septum.h:
hypervisor/include/septum/hal.h:
hypervisor/include/septum/errno.h:
hypervisor/include/septum/vm.h:
hypervisor/include/septum/aspace.h:
hypervisor/include/septum/stage2.h:
hypervisor/include/septum/arch.h:
arch/arm64/include/arch/types.h:
hypervisor/include/septum/spinlock.h:
hypervisor/include/septum/boot_image.h:
hypervisor/include/septum/console.h:
hypervisor/include/septum/ring.h:
hypervisor/include/septum/devmgr.h:
hypervisor/include/septum/power_keys.h:
hypervisor/include/septum/ranges.h:
hypervisor/include/septum/shm.h:
hypervisor/include/septum/vuart.h:
arch/arm64/include/arch/vgic.h:
arch/arm64/include/arch/vgic_internal.h:
arch/arm64/include/arch/vgic_lr.h:
