# SPDX-License-Identifier: MIT
# The arm (ARMv7-A with the Virtualization Extensions) half of the build:
# toolchain, libraries, machine defaults.

CROSS := arm-none-eabi-
PICOLIBC_SPECS := /usr/lib/picolibc/arm-none-eabi/picolibc.specs
# libfdt built by Debian for armhf, unpacked into build/ (never installed).
DEBIAN_ARCH := armhf
LIBFDT_A := build/deps/$(DEBIAN_ARCH)/usr/lib/arm-linux-gnueabihf/libfdt.a
# ARM state throughout (HYP and SVC vectors are ARM code), no FP in
# compiled code (the payload runtime enables VFP; HYP never touches it),
# and no unaligned accesses: with the MMU off, memory is Device/Strongly
# ordered, where an unaligned access faults.
ARCH_CFLAGS := -marm -march=armv7ve -mfloat-abi=soft -mno-unaligned-access -mabi=aapcs
ARCH_EL2_CFLAGS :=
# The stub reaches its data PC-relatively (hidden symbols under -fpic), so
# it runs wherever it is copied.
ARCH_RESIDENT_CFLAGS := -fpic -fvisibility=hidden
ARCH_STUB_CFLAGS :=
# The shim relocates itself (relocate.S) by adjusting whole stored words:
# no address may be built from movw/movt halves.
ARCH_SHIM_CFLAGS := -mword-relocations
# Debian's armhf libfdt is tagged for the hard-float calling convention.
# It passes no floating-point values, so the tag does not matter here.
ARCH_LDFLAGS := -Wl,--no-warn-mismatch -Wl,-z,noexecstack

QEMU := qemu-system-arm
CPU ?= cortex-a15
GIC ?= 2

ARCH_CPU_SRCS := arch/arm/cpu_entry.S arch/arm/smccc.S arch/arm/el2_setup.c
ARCH_STUB_SRCS := arch/arm/stub_vectors.S arch/arm/stub_names.c
ARCH_SHIM_SRCS := arch/arm/shim_head.S arch/arm/early.S arch/arm/relocate.S arch/arm/el2_report.c \
	arch/arm/cpu.c arch/arm/cache.c
ARCH_RT_SRCS := arch/arm/rt_start.S arch/arm/relocate.S arch/arm/smccc.S arch/arm/rt_el2.S arch/arm/rt_arch.c arch/arm/stub_names.c \
	arch/arm/cpu.c
# The conformance payload once more, entered in Thumb state (tests/guest/arm/thumb_entry.S).
ARCH_EXTRA_PAYLOADS := conformance-thumb.elf
# The payloads are position-independent (payload.ld): the shim loads them
# where RAM is; their addresses are whole words too.
ARCH_PAYLOAD_CFLAGS := -mword-relocations
ARCH_PAYLOAD_LDFLAGS := -Wl,-pie -Wl,--no-dynamic-linker -Wl,-z,notext
SHIM_LDS := arch/arm/shim.ld
PAYLOAD_LDS := arch/arm/payload.ld
# The sample hypervisor's image, and its client's helpers in the payload runtime.
ARCH_HYP_SRCS := arch/arm/hyp/entry.S arch/arm/hyp/regs.c
ARCH_HYP_CLIENT_SRCS := arch/arm/hyp_call.S
