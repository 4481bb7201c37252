build2/host/arch/arm64/mmio_decode.c.o: arch/arm64/mmio_decode.c \
 hypervisor/include/septum/errno.h arch/arm64/include/arch/dabt.h \
 arch/arm64/include/arch/mmio_decode.h
hypervisor/include/septum/errno.h:
arch/arm64/include/arch/dabt.h:
arch/arm64/include/arch/mmio_decode.h:
