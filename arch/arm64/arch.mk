# SPDX-License-Identifier: MIT
# The arm64 half of the build: toolchain, libraries, machine defaults.

CROSS := aarch64-linux-gnu-
PICOLIBC_SPECS := /usr/lib/picolibc/aarch64-linux-gnu/picolibc.specs
# libfdt built by Debian for arm64, unpacked into build/ (never installed).
DEBIAN_ARCH := arm64
LIBFDT_A := build/deps/$(DEBIAN_ARCH)/usr/lib/aarch64-linux-gnu/libfdt.a
# Never let the compiler move data through FP/SIMD registers by accident.
ARCH_CFLAGS := -mstrict-align
ARCH_EL2_CFLAGS := -mgeneral-regs-only
# The stub's C may use only x0-x3 (and x19-x30, which C itself preserves),
# so its call path saves five registers, not twenty (stub_vectors.S).
ARCH_RESIDENT_CFLAGS :=
ARCH_STUB_CFLAGS := $(foreach r,4 5 6 7 8 9 10 11 12 13 14 15 16 17 18,-ffixed-x$(r))

QEMU := qemu-system-aarch64
CPU ?= cortex-a57
GIC ?= 3

ARCH_CPU_SRCS := arch/arm64/cpu_entry.S arch/arm64/smccc.S arch/arm64/el2_setup.c
ARCH_STUB_SRCS := arch/arm64/stub_vectors.S arch/arm64/stub_names.c
ARCH_SHIM_SRCS := arch/arm64/shim_head.S arch/arm64/early.S arch/arm64/relocate.S arch/arm64/el2_report.c arch/arm64/cpu.c arch/arm64/cache.c
ARCH_RT_SRCS := arch/arm64/rt_start.S arch/arm64/relocate.S arch/arm64/smccc.S arch/arm64/rt_el2.S arch/arm64/rt_arch.c arch/arm64/stub_names.c \
	arch/arm64/cpu.c
# The payloads are position-independent (payload.ld): the shim loads them where RAM is.
ARCH_PAYLOAD_LDFLAGS := -Wl,-pie -Wl,--no-dynamic-linker -Wl,-z,notext
SHIM_LDS := arch/arm64/shim.ld
PAYLOAD_LDS := arch/arm64/payload.ld
# The sample hypervisor's image, and its client's helpers in the payload runtime.
ARCH_HYP_SRCS := arch/arm64/hyp/entry.S arch/arm64/hyp/regs.c
ARCH_HYP_CLIENT_SRCS := arch/arm64/hyp_call.S
