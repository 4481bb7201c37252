# riscv64: HS mode with the H extension, QEMU virt, entered from OpenSBI.
# The compiler never emits H, F or D instructions here: the hypervisor
# leaves guests' floating-point state in the hart, and H instructions are
# encoded by hand (include/arch/fence.h).
CROSS ?= riscv64-linux-gnu-
ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax \
	-fno-pie -fno-pic -mstrict-align
ARCH_LDFLAGS := -Wl,--no-relax
