# Septum: `make` builds the hypervisor, the test guests and the host unit
# tests; `make run` boots an example system; `make test` runs the suite.
# ARCH selects arch/$(ARCH)/: its sources and its build.mk, which sets CROSS,
# ARCH_CFLAGS and ARCH_LDSCRIPT. arm64's hypervisor is build/septum.bin,
# another architecture's build/$(ARCH)/septum.bin.
ARCH ?= arm64
BUILD ?= build
PYTHON ?= /usr/bin/python3
include arch/$(ARCH)/build.mk
HYP_OUT := $(if $(filter arm64,$(ARCH)),$(BUILD),$(BUILD)/$(ARCH))

HYP_CC := $(CROSS)gcc
# Link-time optimisation lets the exit path inline across files (about 10%
# fewer instructions per exit; see make bench).
HYP_OPT ?= -flto=auto
HYP_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 $(HYP_OPT) -g -ffreestanding -nostdlib -fno-builtin \
	-fno-tree-loop-distribute-patterns -fno-stack-protector -fno-pie -fno-pic $(ARCH_CFLAGS) \
	-Ihypervisor/include -Iarch/$(ARCH)/include -MMD -MP
# The link compiles too (link-time optimisation): same code-generation flags.
HYP_LDFLAGS := $(HYP_OPT) $(ARCH_CFLAGS) -nostdlib -static -no-pie -Wl,--no-warn-rwx-segments -Wl,--build-id=none

HYP_SRCS := $(wildcard hypervisor/core/*.c hypervisor/lib/*.c hypervisor/devices/*.c \
	hypervisor/drivers/*.c arch/$(ARCH)/*.c arch/$(ARCH)/*.S)
HYP_OBJS := $(patsubst %,$(HYP_OUT)/hyp/%.o,$(HYP_SRCS))

HOST_CC ?= gcc
HOST_CFLAGS := -std=c11 -Wall -Wextra -Werror -O1 -g -fsanitize=address,undefined \
	-Ihypervisor/include -Iarch/arm64/include -Itests/host -MMD -MP
# The core, the freestanding library's device-tree code and the stage-2
# table format are plain C: they are unit-tested on the host.
# The boot flow, the pCPU loop and the heap run on a machine only: the test
# HAL stands in for them.
HOST_SRCS := $(filter-out hypervisor/core/boot.c hypervisor/core/pcpu_loop.c \
	hypervisor/core/heap.c hypervisor/core/platform.c,$(wildcard hypervisor/core/*.c)) \
	$(wildcard hypervisor/devices/*.c tests/host/*.c) hypervisor/lib/fdt.c \
	hypervisor/lib/format.c hypervisor/lib/errno_name.c arch/arm64/stage2.c \
	arch/arm64/guest_fdt.c arch/arm64/layout.c arch/arm64/mmio_decode.c \
	arch/arm64/vexception.c arch/arm64/vgic.c arch/arm64/vgic_spi.c arch/arm64/vgic_dist.c \
	arch/arm64/vgic_redist.c
HOST_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(HOST_SRCS))
# riscv64's G-stage format, load/store decoder, PLIC model and device-tree
# part, with the core (and its stage-2 tests) built on riscv64's types: a
# binary of their own.
RV_HOST_CFLAGS := $(subst -Iarch/arm64/include,-Iarch/riscv64/include,$(HOST_CFLAGS))
RV_HOST_SRCS := $(filter-out tests/host/%,$(filter-out arch/arm64/%,$(HOST_SRCS))) \
	tests/host/test_main.c tests/host/test_hal.c tests/host/test_stage2.c \
	$(wildcard tests/host/riscv64/*.c) \
	arch/riscv64/gstage.c arch/riscv64/mmio_insn.c arch/riscv64/vplic.c \
	arch/riscv64/layout.c arch/riscv64/guest_fdt.c
RV_HOST_OBJS := $(patsubst %,$(BUILD)/host-riscv64/%.o,$(RV_HOST_SRCS))

.PHONY: all hypervisor hypervisors guests tools dom0 host-tests deps run test test-quick clean format

all: hypervisors guests tools host-tests dom0

hypervisor: $(HYP_OUT)/septum.bin

# Every architecture's hypervisor (each arch/*/build.mk), as `make guests`
# builds every architecture's guests.
ARCHES := $(patsubst arch/%/build.mk,%,$(wildcard arch/*/build.mk))
hypervisors:
	@for a in $(ARCHES); do $(MAKE) --no-print-directory ARCH=$$a hypervisor || exit 1; done

$(HYP_OUT)/hyp/%.c.o: %.c Makefile arch/$(ARCH)/build.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(HYP_CC) $(HYP_CFLAGS) -c $< -o $@

$(HYP_OUT)/hyp/%.S.o: %.S Makefile arch/$(ARCH)/build.mk
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(HYP_CC) $(HYP_CFLAGS) -c $< -o $@

$(HYP_OUT)/septum.elf: $(HYP_OBJS) $(ARCH_LDSCRIPT)
	@echo "  LD      $@"
	@$(HYP_CC) $(HYP_LDFLAGS) -T $(ARCH_LDSCRIPT) $(HYP_OBJS) -o $@

$(HYP_OUT)/septum.bin: $(HYP_OUT)/septum.elf
	@$(CROSS)objcopy -O binary $< $@
	@echo "septum.bin: $$(stat -c %s $@) bytes"

# The test guests for both architectures, whichever ARCH the hypervisor is.
guests:
	$(MAKE) -C guests ARCH=arm64 O=$(abspath $(BUILD))/guests
	$(MAKE) -C guests ARCH=riscv64 O=$(abspath $(BUILD))/riscv64/guests

tools:
	@$(MAKE) -C tools O=$(abspath $(BUILD))/tools

# The control domain: Debian's kernel and busybox, our driver, and a tree
# with the septum CLI, the test guests, the domain schema and example
# definitions (under /usr/share/septum).
DOM0_EXTRA := $(BUILD)/dom0-extra
dom0: guests tools
	@rm -rf $(DOM0_EXTRA)
	@mkdir -p $(DOM0_EXTRA)/usr/bin $(DOM0_EXTRA)/usr/share/septum/guests \
		$(DOM0_EXTRA)/usr/share/septum/examples
	@cp $(BUILD)/tools/arm64/septum $(BUILD)/tools/arm64/septum-hcall-fuzz \
		$(BUILD)/tools/arm64/septum-shm $(DOM0_EXTRA)/usr/bin/
	@cp $(BUILD)/guests/*.bin $(DOM0_EXTRA)/usr/share/septum/guests/
	@cp xml/septum-domain.rng $(DOM0_EXTRA)/usr/share/septum/
	@cp xml/examples/*.xml $(DOM0_EXTRA)/usr/share/septum/examples/
	@bash guests/dom0/build.sh --sysroot $(BUILD)/tools/arm64/sysroot $(BUILD)/dom0 $(DOM0_EXTRA)

host-tests: $(BUILD)/host/core-tests $(BUILD)/host/riscv64-tests

$(BUILD)/host/%.c.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/host/core-tests: $(HOST_OBJS)
	@echo "  HOSTLD  $@"
	@$(HOST_CC) $(HOST_CFLAGS) $^ -o $@

$(BUILD)/host-riscv64/%.c.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $< (riscv64)"
	@$(HOST_CC) $(RV_HOST_CFLAGS) -c $< -o $@

$(BUILD)/host/riscv64-tests: $(RV_HOST_OBJS)
	@echo "  HOSTLD  $@"
	@$(HOST_CC) $(RV_HOST_CFLAGS) $^ -o $@

deps:
	@bash ci/install-deps.sh

# dom0 on pCPU 0 with its shell on the console, and an example domain
# beside it on pCPU 1, from its XML definition (see it with `septum list`).
# FILES=DIR brings DIR's files (definitions, images) into dom0's /mnt/host.
FILES ?=
run: deps
	$(MAKE) all
	tools/septum-qemu --smp 4 --dom0 $(if $(FILES),--dom0-files $(FILES)) \
		--domain xml/examples/hello.xml

test: deps
	$(MAKE) all
	$(PYTHON) -m pytest -q tests

test-quick: deps
	$(MAKE) all
	$(PYTHON) -m pytest -q -m "not slow" tests

# The fuzzers (hypercalls from dom0 through /dev/septum, a hostile domain,
# the toolstack's definition loader) run SCALE times longer than in make
# test.
SCALE ?= 50
.PHONY: fuzz
fuzz: deps
	$(MAKE) all
	SEPTUM_FUZZ_SCALE=$(SCALE) $(PYTHON) -m pytest -q -k "fuzz or hostile" tests

# Septum side by side with Xen 4.17: exit paths (-icount), boot times.
.PHONY: bench
bench: deps
	$(MAKE) all
	$(PYTHON) tools/bench/run

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD)

-include $(HYP_OBJS:.o=.d) $(HOST_OBJS:.o=.d) $(RV_HOST_OBJS:.o=.d)
