# SPDX-License-Identifier: MIT
# hypstub: `make run` boots the demo, `make test` runs every test.
# Knobs: ARCH=arm64|arm, CPU=, SMP=, GIC=2|3, EL=2|1, PAYLOAD=file, V=1,
# EARLY_UART= (none by default: a PL011 for what the shim says before it
# has a device tree, an explicit override; include/hypstub/early_uart.h).
# Boards (docs/BOARDS.md): BOARD=raspi3b|zcu102|orangepi-pc|raspi2b|virt, with
# their Debian device tree; any other QEMU machine: QEMU_MACHINE='<-M arg>'
# DTB=<its .dtb> (RAM_BASE= where its RAM starts, for KERNEL=).

# A board says its architecture (scripts/hsqemu.py BOARDS has the rest).
BOARD_ARCH_orangepi-pc := arm
BOARD_ARCH_raspi2b := arm
ARCH ?= $(or $(BOARD_ARCH_$(BOARD)),arm64)
SMP ?= 1
EL ?= 2
V ?= 0
EARLY_UART ?=
Q := $(if $(filter 1,$(V)),,@)

include arch/$(ARCH)/arch.mk

BUILD ?= build/$(ARCH)
CC := $(CROSS)gcc
LD := $(CROSS)ld
OBJCOPY := $(CROSS)objcopy

FDT_DEPS := build/deps/$(DEBIAN_ARCH)
FDT_INC := $(FDT_DEPS)/usr/include
BASE_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-common \
	-fno-asynchronous-unwind-tables \
	-fno-stack-protector -fno-pic -Iinclude -Iarch/$(ARCH)/include -I$(FDT_INC) \
	--specs=$(PICOLIBC_SPECS) $(ARCH_CFLAGS)
# The resident region (the stub and the CPU entry): no library calls, no
# FP/SIMD, nothing that needs an absolute address.
RESIDENT_CFLAGS := $(BASE_CFLAGS) -Os -fomit-frame-pointer $(ARCH_EL2_CFLAGS) $(ARCH_RESIDENT_CFLAGS) \
	-fno-builtin -fno-tree-loop-distribute-patterns -fno-tree-switch-conversion -fno-jump-tables
STUB_CFLAGS := $(RESIDENT_CFLAGS) $(ARCH_STUB_CFLAGS)
SHIM_CFLAGS := $(BASE_CFLAGS) $(ARCH_EL2_CFLAGS) $(ARCH_SHIM_CFLAGS) \
	$(if $(EARLY_UART),-DEARLY_UART_BASE=$(EARLY_UART)) -I$(BUILD)/gen
PAYLOAD_CFLAGS := $(BASE_CFLAGS) $(ARCH_PAYLOAD_CFLAGS)
LDFLAGS := --specs=$(PICOLIBC_SPECS) -nostartfiles -static -Wl,--gc-sections -Wl,--no-warn-rwx-segments \
	$(ARCH_LDFLAGS)

# The console's drivers, resident-safe: the stub's crash report uses them too.
# They live in the resident region's CPU part (the stub's 4 KiB are full);
# the stub calls them only on its crash path, where every register is saved.
UART_SRCS := drivers/uart/uart.c drivers/uart/pl011.c drivers/uart/ns16550.c drivers/uart/cdns.c \
	drivers/uart/imx.c
STUB_SRCS := $(ARCH_STUB_SRCS) stub/dispatch.c stub/console.c stub/report.c stub/names.c
CPU_SRCS := $(ARCH_CPU_SRCS) cpu/cpu_entry.c stub/output.c $(UART_SRCS)
SHIM_SRCS := $(ARCH_SHIM_SRCS) boot/main.c boot/early_console.c boot/payload.c boot/handoff.c \
	boot/smp.c boot/smp_levels.c \
	drivers/cpu/psci.c drivers/cpu/spin_table.c drivers/cpu/release.c \
	lib/dt/platform.c lib/dt/walk.c lib/dt/translate.c drivers/uart/match.c \
	lib/console/stdio_console.c lib/support/ssp.c lib/support/bulk.c lib/support/string.c
RT_SRCS := $(ARCH_RT_SRCS) lib/rt/rt.c lib/rt/smp.c lib/client/client.c lib/dt/platform.c lib/dt/walk.c \
	lib/dt/translate.c drivers/uart/match.c $(UART_SRCS) drivers/cpu/release.c \
	lib/console/stdio_console.c lib/support/ssp.c lib/support/bulk.c lib/support/string.c \
	stub/console.c stub/output.c stub/names.c \
	lib/client/hyp_client.c lib/client/hyp_image.S $(ARCH_HYP_CLIENT_SRCS)
# The kexec loader (include/hypstub/kexec.h): its plan, its restart, its arch layer.
RT_SRCS += lib/kexec/plan.c lib/kexec/kexec.c arch/$(ARCH)/kexec.S
KEXEC_SRCS := $(wildcard kexec/*.c)
# The sample hypervisor (hyp/, arch/$(ARCH)/hyp/): built like the resident
# code (no library calls, no FP/SIMD, PC-relative only), its own image.
HYP_SRCS := $(ARCH_HYP_SRCS) hyp/state.c hyp/calls.c hyp/pt.c
DEMO_SRCS := $(wildcard demo/*.c demo/$(ARCH)/*.S)
GUEST_TEST_SRCS := $(wildcard tests/guest/*.c tests/guest/$(ARCH)/*.S tests/guest/$(ARCH)/*.c)
# The ABI checks shared with Linux's abi_check module (linux/abi_check/), on
# the architectures that have their layer in tests/abi/<arch>/; they find
# their environment, <abi_env.h>, in tests/guest/.
ABI_CHECK_SRCS := $(if $(wildcard tests/abi/$(ARCH)/*.S),tests/abi/abi_checks.c \
	$(wildcard tests/abi/$(ARCH)/*.S))
GUEST_TEST_SRCS += $(ABI_CHECK_SRCS)

# A payload linked position-independent (ARCH_PAYLOAD_LDFLAGS) says so in
# its ELF type, ET_DYN, so that the shim may load it away from its link
# address (picolibc's specs make the linker write ET_EXEC even so).
mark_pie = $(if $(ARCH_PAYLOAD_LDFLAGS),$(Q)printf '\003\000' | dd of=$(1) bs=1 seek=16 conv=notrunc status=none)

objs = $(patsubst %,$(BUILD)/$(1)/%.o,$(2))
# The shared ABI checks' objects (above) see tests/guest/abi_env.h.
ABI_CHECK_OBJS := $(call objs,payload,$(ABI_CHECK_SRCS) $(wildcard tests/guest/$(ARCH)/test_abi.c))
$(ABI_CHECK_OBJS): PAYLOAD_CFLAGS += -Itests/guest

# One group of objects built with one set of flags. The flags are kept in
# a file that changes only when they do, so that changing them rebuilds.
define compile_group
$(BUILD)/$(1)/flags: FORCE
	@mkdir -p $$(@D)
	@echo '$$($(2))' | cmp -s - $$@ || echo '$$($(2))' > $$@
$(BUILD)/$(1)/%.c.o: %.c $(BUILD)/$(1)/flags | $(FDT_INC)/libfdt.h
	@mkdir -p $$(@D)
	$$(Q)$$(CC) $$($(2)) -MMD -MP -c $$< -o $$@
$(BUILD)/$(1)/%.S.o: %.S $(BUILD)/$(1)/flags
	@mkdir -p $$(@D)
	$$(Q)$$(CC) $$($(2)) -MMD -MP -c $$< -o $$@
endef
.PHONY: FORCE
$(eval $(call compile_group,stub,STUB_CFLAGS))
$(eval $(call compile_group,cpu,RESIDENT_CFLAGS))
$(eval $(call compile_group,shim,SHIM_CFLAGS))
$(eval $(call compile_group,payload,PAYLOAD_CFLAGS))
HYP_CFLAGS := $(RESIDENT_CFLAGS) -I.
$(eval $(call compile_group,hyp,HYP_CFLAGS))

# The version the shim prints first and puts in /hypstub (scripts/version.sh:
# git describe behind the VERSION file's number, or that number alone without
# git). Rewritten only when it changes, so that only boot/main.c rebuilds.
HS_VERSION := $(shell scripts/version.sh)
ifeq ($(HS_VERSION),)
$(error scripts/version.sh gave no version)
endif
VERSION_H := $(BUILD)/gen/hs_version.h
$(VERSION_H): FORCE
	@mkdir -p $(@D)
	@printf '#define HS_VERSION "%s"\n' '$(HS_VERSION)' | cmp -s - $@ || \
		printf '#define HS_VERSION "%s"\n' '$(HS_VERSION)' > $@
	@echo '$(HS_VERSION)' | cmp -s - $(BUILD)/version || echo '$(HS_VERSION)' > $(BUILD)/version
$(BUILD)/shim/boot/main.c.o: $(VERSION_H)

SHIM_ELF := $(BUILD)/hypstub.elf
SHIM_IMG := $(BUILD)/hypstub.bin
STUB_OBJ := $(BUILD)/hs-stub.o
CPU_OBJ := $(BUILD)/hs-cpu.o
RESIDENT_OBJ := $(BUILD)/hs-resident.o
STUB_DEBUG_ELF := $(BUILD)/hs-stub.elf
RT_OBJS := $(call objs,payload,$(RT_SRCS))
DEMO_ELF := $(BUILD)/demo.elf
DEMO_BIN := $(BUILD)/demo.bin
BAD_PAYLOAD := $(BUILD)/bad-machine.elf
GUEST_TEST_ELF := $(BUILD)/conformance.elf
KEXEC_ELF := $(BUILD)/kexec.elf
HYP_OBJ := $(BUILD)/hyp.o
HYP_ELF := $(BUILD)/hyp.elf
HYP_BIN := $(BUILD)/hyp.bin

.PHONY: all run debug test bootstrap clean format bench bench-build soak late-launch late-test
all: $(SHIM_IMG) $(HYP_BIN) $(STUB_DEBUG_ELF) $(DEMO_ELF) $(DEMO_BIN) $(GUEST_TEST_ELF) $(BAD_PAYLOAD) \
	$(KEXEC_ELF) \
	$(addprefix $(BUILD)/,$(ARCH_EXTRA_PAYLOADS))

# The target's libfdt (library and headers) comes unpacked from Debian's
# package for that architecture; the cross build never sees host headers.
$(FDT_INC)/libfdt.h $(LIBFDT_A) &:
	$(Q)scripts/fetch-target-deb.sh $(DEBIAN_ARCH) libfdt-dev $(FDT_DEPS)
	@touch $(FDT_INC)/libfdt.h $(LIBFDT_A)

# The resident region's code: the stub, then the CPU entry, whose
# sections are renamed .hs_cpu.* so that the shim's linker script can
# place them 4 KiB after the stub. Checked as one copyable unit.
$(STUB_OBJ): $(call objs,stub,$(STUB_SRCS))
	$(Q)$(LD) -r -o $@ $(filter %.o,$^)
$(CPU_OBJ): $(call objs,cpu,$(CPU_SRCS))
	$(Q)$(LD) -r -o $@ $(filter %.o,$^)
	$(Q)$(OBJCOPY) --prefix-alloc-sections=.hs_cpu $@
	$(Q)$(OBJCOPY) --rename-section .hs_cpu.hs_uart_match=.hs_uart_match $@
$(RESIDENT_OBJ): $(STUB_OBJ) $(CPU_OBJ) scripts/check-stub.sh
	$(Q)$(LD) -r -o $@ $(STUB_OBJ) $(CPU_OBJ)
	$(Q)scripts/check-stub.sh $(CROSS) $@

# The sample hypervisor's image: checked like the resident code (nothing
# from outside, no absolute relocation), linked at 0, copied by its client
# wherever the caller reserved memory; every payload carries it.
$(HYP_OBJ): $(call objs,hyp,$(HYP_SRCS)) scripts/check-stub.sh
	$(Q)$(LD) -r -o $@ $(filter %.o,$^)
	$(Q)scripts/check-stub.sh $(CROSS) $@
$(HYP_ELF): $(HYP_OBJ) hyp/hyp.ld
	$(Q)$(LD) --no-warn-rwx-segments -T hyp/hyp.ld -Map $(BUILD)/hyp.map -o $@ $(HYP_OBJ)
$(HYP_BIN): $(HYP_ELF)
	$(Q)$(OBJCOPY) -O binary $< $@
$(BUILD)/payload/lib/client/hyp_image.S.o: $(HYP_BIN)
$(BUILD)/payload/lib/client/hyp_image.S.o: PAYLOAD_CFLAGS += -DHYP_IMAGE_FILE='"$(HYP_BIN)"'

# The shim is a position-independent executable that applies its own
# relative relocations at boot (arch/$(ARCH)/relocate.S).
SHIM_LDFLAGS := $(LDFLAGS) -Wl,-pie -Wl,--no-dynamic-linker -Wl,-z,notext $(ARCH_SHIM_LDFLAGS)
$(SHIM_ELF): $(RESIDENT_OBJ) $(call objs,shim,$(SHIM_SRCS)) $(SHIM_LDS) $(LIBFDT_A) scripts/check-relocs.sh
	$(Q)$(CC) $(SHIM_LDFLAGS) -T $(SHIM_LDS) -Wl,-Map,$(BUILD)/hypstub.map -o $@ \
		$(filter %.o %.a,$^)
	$(Q)scripts/check-relocs.sh $(CROSS) $@

# The stub's symbols from offset 0, for gdb at the resident copy (`make debug`).
$(STUB_DEBUG_ELF): $(RESIDENT_OBJ) stub/stub_debug.ld
	$(Q)$(LD) --no-warn-rwx-segments -T stub/stub_debug.ld -o $@ $(RESIDENT_OBJ)

$(SHIM_IMG): $(SHIM_ELF)
	$(Q)$(OBJCOPY) -O binary $< $@
	@echo "  built $@ ($$(stat -c %s $@) bytes)"

$(DEMO_ELF): $(call objs,payload,$(DEMO_SRCS)) $(RT_OBJS) $(PAYLOAD_LDS) $(LIBFDT_A)
	$(Q)$(CC) $(LDFLAGS) $(ARCH_PAYLOAD_LDFLAGS) -T $(PAYLOAD_LDS) -o $@ $(filter %.o %.a,$^)
	$(Q)scripts/check-relocs.sh $(CROSS) $@ >/dev/null
	$(call mark_pie,$@)

# The kexec payload: `make run KERNEL=...` restarts into that kernel through it.
$(KEXEC_ELF): $(call objs,payload,$(KEXEC_SRCS)) $(RT_OBJS) $(PAYLOAD_LDS) $(LIBFDT_A)
	$(Q)$(CC) $(LDFLAGS) $(ARCH_PAYLOAD_LDFLAGS) -T $(PAYLOAD_LDS) -o $@ $(filter %.o %.a,$^)
	$(Q)scripts/check-relocs.sh $(CROSS) $@ >/dev/null
	$(call mark_pie,$@)

# The demo as a raw binary too: a payload without an ELF header.
$(DEMO_BIN): $(DEMO_ELF)
	$(Q)$(OBJCOPY) -O binary $< $@

# A payload the shim must refuse: the demo relabelled as an x86-64 ELF.
$(BAD_PAYLOAD): $(DEMO_ELF)
	$(Q)cp $< $@ && printf '\076\000' | dd of=$@ bs=1 seek=18 conv=notrunc status=none

$(GUEST_TEST_ELF): $(call objs,payload,$(GUEST_TEST_SRCS)) $(RT_OBJS) $(PAYLOAD_LDS) $(LIBFDT_A)
	$(Q)$(CC) $(LDFLAGS) $(ARCH_PAYLOAD_LDFLAGS) -T $(PAYLOAD_LDS) -o $@ $(filter %.o %.a,$^)
	$(Q)scripts/check-relocs.sh $(CROSS) $@ >/dev/null
	$(call mark_pie,$@)

# arm: the same payload with a Thumb ELF entry point (an odd address).
$(BUILD)/conformance-thumb.elf: $(call objs,payload,$(GUEST_TEST_SRCS)) $(RT_OBJS) $(PAYLOAD_LDS) \
		$(LIBFDT_A)
	$(Q)$(CC) $(LDFLAGS) $(ARCH_PAYLOAD_LDFLAGS) -Wl,-e,thumb_start -T $(PAYLOAD_LDS) -o $@ $(filter %.o %.a,$^)

# The benchmark payload (`make bench`): bench/ and bench/$(ARCH)/ on the
# payload runtime, linked like the demo but entered at bench_entry, so
# that the payload's first instruction is the benchmark's own.
BENCH_SRCS := $(wildcard bench/*.c bench/$(ARCH)/*.S bench/$(ARCH)/*.c)
BENCH_OBJS := $(call objs,payload,$(BENCH_SRCS))
BENCH_ELF := $(BUILD)/bench.elf
$(BENCH_OBJS): PAYLOAD_CFLAGS += -Ibench -Ibench/$(ARCH)

$(BENCH_ELF): $(BENCH_OBJS) $(RT_OBJS) $(PAYLOAD_LDS) $(LIBFDT_A)
	$(Q)$(CC) $(LDFLAGS) $(ARCH_PAYLOAD_LDFLAGS) -Wl,-e,bench_entry -T $(PAYLOAD_LDS) -o $@ $(filter %.o %.a,$^)

# Instruction counts under QEMU -icount (never wall-clock): one table,
# and build/bench.json, for both architectures unless BENCH_ARCHS says
# otherwise; then the tables of docs/BENCHMARKS.md are rendered from it
# (scripts/doc_figures.py: a partial run leaves docs/ alone). `make test`
# measures again and checks the committed figures against that run.
BENCH_ARCHS ?= arm64 arm
bench: bootstrap
	$(Q)for a in $(BENCH_ARCHS); do \
		$(MAKE) --no-print-directory ARCH=$$a bench-build || exit 1; done
	$(Q)python3 scripts/bench.py $(foreach a,$(BENCH_ARCHS),--arch $(a))
	$(Q)python3 scripts/doc_figures.py --update build/bench.json

bench-build: $(SHIM_IMG) $(BENCH_ELF)

# The shim once more with QEMU virt's PL011 as its early UART (build/<arch>-early/),
# for the tests of what it says before it has a device tree (no-dtb, misaligned-entry).
.PHONY: early-uart-shim
early-uart-shim:
	$(Q)$(MAKE) --no-print-directory BUILD=build/$(ARCH)-early EARLY_UART=0x09000000 \
		build/$(ARCH)-early/hypstub.bin

bootstrap:
	$(Q)scripts/bootstrap.sh

PAYLOAD ?= $(DEMO_ELF)
# KERNEL=file (DTB=file, CMDLINE=..., UNDER_HYP=1): the shim, then the
# kexec payload restarts into that kernel at EL2/HYP (scripts/hsqemu.py
# --kexec); with UNDER_HYP=1 from under the sample hypervisor.
KEXEC_TIMEOUT ?= 120
# A board, or another machine: KERNEL=debian is the board's Debian kernel.
BOARD_ARGS := $(if $(filter-out virt,$(BOARD)),--board $(BOARD)) \
	$(if $(QEMU_MACHINE),--machine '$(QEMU_MACHINE)' $(if $(DTB),--dtb $(DTB)) $(if $(RAM_BASE),--ram $(RAM_BASE)))
ifneq ($(strip $(BOARD_ARGS)),)
run: bootstrap
ifeq ($(KERNEL),)
	$(Q)$(MAKE) -s --no-print-directory $(SHIM_IMG) $(DEMO_ELF)
	$(Q)python3 scripts/hsqemu.py --arch $(ARCH) --smp $(SMP) $(BOARD_ARGS) \
		--shim $(SHIM_IMG) --payload $(PAYLOAD) --timeout 120
else
	$(Q)$(MAKE) -s --no-print-directory $(SHIM_IMG) $(KEXEC_ELF)
	$(Q)python3 scripts/hsqemu.py --arch $(ARCH) --smp $(SMP) $(BOARD_ARGS) \
		$(if $(filter command line environment,$(origin SMP)),$(if $(BOARD),--use-cpus $(SMP))) \
		--shim $(SHIM_IMG) --payload $(KEXEC_ELF) --kexec $(KERNEL) \
		$(if $(CMDLINE),--kexec-cmdline "$(CMDLINE)") $(if $(filter 1,$(UNDER_HYP)),--kexec-under-hyp) \
		--timeout $(KEXEC_TIMEOUT)
endif
else
run: bootstrap
ifeq ($(KERNEL),)
	$(Q)$(MAKE) -s --no-print-directory $(SHIM_IMG) $(DEMO_ELF)
	$(Q)python3 scripts/hsqemu.py --arch $(ARCH) --cpu $(CPU) --smp $(SMP) --gic $(GIC) \
		--el $(EL) --shim $(SHIM_IMG) --payload $(PAYLOAD)
else
	$(Q)$(MAKE) -s --no-print-directory $(SHIM_IMG) $(KEXEC_ELF)
	$(Q)python3 scripts/hsqemu.py --arch $(ARCH) --cpu $(CPU) --smp $(SMP) --gic $(GIC) \
		--el $(EL) --shim $(SHIM_IMG) --payload $(KEXEC_ELF) --kexec $(KERNEL) \
		$(if $(DTB),--kexec-dtb $(DTB)) $(if $(CMDLINE),--kexec-cmdline "$(CMDLINE)") $(if $(filter 1,$(UNDER_HYP)),--kexec-under-hyp) \
		--timeout $(KEXEC_TIMEOUT)
endif
endif

# QEMU halted with its gdb stub on 127.0.0.1:$(GDBPORT); prints the
# gdb-multiarch command that attaches with every symbol at its run address.
GDBPORT ?= 1234
debug: bootstrap
	$(Q)$(MAKE) -s --no-print-directory $(SHIM_IMG) $(STUB_DEBUG_ELF) $(DEMO_ELF)
	$(Q)python3 scripts/debug.py --arch $(ARCH) --cpu $(CPU) --smp $(SMP) --gic $(GIC) \
		--el $(EL) --shim $(SHIM_IMG) --shim-elf $(SHIM_ELF) --stub-elf $(STUB_DEBUG_ELF) \
		--payload $(PAYLOAD) --port $(GDBPORT)

# The soak (never in `make test`): the conformance payload's "soak" suite,
# SOAK_SECONDS of guest time of mixed calls, installs, teardowns, soft
# restarts and power cycles on SOAK_SMP CPUs; it prints what each CPU did.
SOAK_SECONDS ?= 600
SOAK_SMP ?= 4
soak: bootstrap
	$(Q)$(MAKE) -s --no-print-directory $(SHIM_IMG) $(GUEST_TEST_ELF)
	$(Q)python3 scripts/hsqemu.py --arch $(ARCH) --cpu $(CPU) --smp $(SOAK_SMP) --gic $(GIC) \
		--el 2 --shim $(SHIM_IMG) --payload $(GUEST_TEST_ELF) \
		--append "tests=soak soak=$(SOAK_SECONDS)" --timeout $$(($(SOAK_SECONDS) + 300))

# The sample hypervisor late-launched under Debian's own arm64 kernel,
# booted at EL2 without hypstub (scripts/late.py, docs/LINUX.md): Debian's
# kernel LINUX= (default: linux-image-cloud-arm64's; a series, e.g. 6.12,
# names its newest), its headers and
# busybox/kexec fetched into build/late/, the module (linux/) built against
# them, a transcript judged step by step; exit 0 only when all matched,
# 77 when Debian's mirror cannot be reached. CPU= cortex-a57 or max (run
# nVHE), SMP= CPUs (2 unless given: one goes offline and back).
late-launch: bootstrap
	$(Q)$(MAKE) -s --no-print-directory ARCH=arm64 build/arm64/hyp.bin
	$(Q)python3 scripts/late.py --smp $(if $(filter command line,$(origin SMP)),$(SMP),2) \
		--cpu $(if $(filter command line environment,$(origin CPU)),$(CPU),cortex-a57) \
		$(if $(LINUX),--linux $(LINUX))

# Every late-launch boot alone (tests/late.py, part of `make test`): 1, 2
# and 4 CPUs on cortex-a57 and max (nVHE), one under Debian's 6.12, the four
# refusals, the lock.
late-test: bootstrap
	$(Q)$(MAKE) -s --no-print-directory ARCH=arm64 build/arm64/hyp.bin
	$(Q)python3 tests/late.py

# Every tier, on both architectures: static checks, host unit tests, the
# guest matrix on QEMU.
ALL_ARCHS := arm64 arm
test: bootstrap
	$(Q)for a in $(ALL_ARCHS); do $(MAKE) --no-print-directory ARCH=$$a all bench-build || exit 1; \
		$(MAKE) --no-print-directory ARCH=$$a early-uart-shim || exit 1; done
	$(Q)python3 scripts/test_all.py

format:
	$(Q)clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build

include mk/install.mk
include tests/host/host.mk
include tests/fuzz/fuzz.mk

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
