# Everything about building the hypervisor that is arm64's (the top Makefile
# includes arch/$(ARCH)/build.mk): the cross compiler, the code-generation
# flags and the linker script.
CROSS ?= aarch64-linux-gnu-
# No FP/SIMD registers at EL2 (guests own them, nothing saves them on an
# exit); strict alignment: QEMU does not fault unaligned Device accesses,
# boards do (FINDINGS.md).
ARCH_CFLAGS := -mgeneral-regs-only -mstrict-align -mbranch-protection=none -mno-outline-atomics
ARCH_LDSCRIPT := arch/arm64/septum.ld
