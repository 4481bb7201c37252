build2/host/tests/host/test_mmio_decode.c.o: \
 tests/host/test_mmio_decode.c hypervisor/include/septum/errno.h \
 arch/arm64/include/arch/mmio_decode.h tests/host/check.h
hypervisor/include/septum/errno.h:
arch/arm64/include/arch/mmio_decode.h:
tests/host/check.h:
