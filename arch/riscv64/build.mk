# Everything about building the hypervisor that is riscv64's (the top
# Makefile includes arch/$(ARCH)/build.mk). The compiler never emits H, F or
# D instructions here: guests' floating-point state stays in the hart, and
# H instructions are encoded by hand (include/arch/fence.h). No linker
# relaxation: nothing sets up gp.
CROSS ?= riscv64-linux-gnu-
ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax \
	-mstrict-align
ARCH_LDSCRIPT := arch/riscv64/septum.ld
