# SPDX-License-Identifier: MIT
# libFuzzer targets over the arch-neutral C that takes outside input
# (tests/fuzz/README.md), built with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer. Included by the top Makefile.
#
#   make fuzz-bounded   each target for a fixed number of runs (make test does this)
#   make fuzz           each target for FUZZ_TIME seconds (default 300), corpus kept
#                       in build/fuzz/long/<target>
#
# Knobs: FUZZ_CC (clang), FUZZ_RUNS_<target>, FUZZ_TIME, V=1.

FUZZ_CC ?= clang
FUZZ_BUILD ?= build/fuzz
FUZZ_TIME ?= 300
FUZZ_Q := $(if $(filter 1,$(V)),,@)

FUZZ_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

FUZZ_TARGETS := dispatch platform handoff payload cpu_entry kexec translate
FUZZ_COMMON := tests/fuzz/fuzz_input.c
FUZZ_SRCS_dispatch := tests/fuzz/fuzz_dispatch.c stub/dispatch.c tests/host/fake/fake_cpu.c
FUZZ_CPPFLAGS_dispatch := -Itests/host/fake -Iinclude -Iarch/arm64/include
FUZZ_DT_SRCS := lib/dt/platform.c lib/dt/walk.c lib/dt/translate.c drivers/uart/match.c \
	drivers/uart/pl011.c drivers/uart/ns16550.c drivers/uart/cdns.c drivers/uart/imx.c
FUZZ_SRCS_platform := tests/fuzz/fuzz_platform.c $(FUZZ_DT_SRCS)
FUZZ_SRCS_translate := tests/fuzz/fuzz_translate.c $(FUZZ_DT_SRCS)
FUZZ_LIBS_translate := -lfdt
FUZZ_LIBS_platform := -lfdt
FUZZ_SRCS_handoff := tests/fuzz/fuzz_handoff.c boot/handoff.c lib/dt/walk.c lib/support/bulk.c
FUZZ_LIBS_handoff := -lfdt
FUZZ_SRCS_payload := tests/fuzz/fuzz_payload.c boot/payload.c lib/support/bulk.c
FUZZ_SRCS_cpu_entry := tests/fuzz/fuzz_cpu_entry.c cpu/cpu_entry.c arch/arm64/el2_setup.c \
	tests/host/fake/fake_cpu.c
FUZZ_CPPFLAGS_cpu_entry := -Itests/host/fake -Iinclude -Iarch/arm64/include
FUZZ_SRCS_kexec := tests/fuzz/fuzz_kexec.c lib/kexec/plan.c
FUZZ_LIBS_kexec := -lfdt

# The bounded run of `make test`: executions per target (a few seconds each).
FUZZ_RUNS_dispatch ?= 200000
FUZZ_RUNS_platform ?= 20000
FUZZ_RUNS_handoff ?= 20000
FUZZ_RUNS_payload ?= 50000
FUZZ_RUNS_cpu_entry ?= 100000
FUZZ_RUNS_kexec ?= 50000
FUZZ_RUNS_translate ?= 20000

FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_HDRS := $(wildcard include/hypstub/*.h arch/arm64/include/arch/*.h stub/*.h boot/*.h cpu/*.h \
	tests/fuzz/*.h tests/host/fake/*.h tests/host/fake/arch/*.h)

.PHONY: fuzz fuzz-bounded fuzz-build
fuzz-build: $(FUZZ_BINS)

define FUZZ_RULE
$(FUZZ_BUILD)/fuzz_$(1): $$(FUZZ_SRCS_$(1)) $$(FUZZ_COMMON) $$(FUZZ_HDRS) tests/fuzz/fuzz.mk
	@mkdir -p $$(@D)
	@echo "  FUZZCC  $$@"
	$$(FUZZ_Q)$$(FUZZ_CC) $$(FUZZ_CFLAGS) $$(or $$(FUZZ_CPPFLAGS_$(1)),-Iinclude) -o $$@ \
		$$(FUZZ_SRCS_$(1)) $$(FUZZ_COMMON) $$(FUZZ_LIBS_$(1))
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZ_RULE,$(t))))

fuzz-bounded: $(FUZZ_BINS)
	$(FUZZ_Q)tests/fuzz/run.sh bounded $(FUZZ_BUILD) $(foreach t,$(FUZZ_TARGETS),$(t):$(FUZZ_RUNS_$(t)))

fuzz: bootstrap $(FUZZ_BINS)
	$(FUZZ_Q)tests/fuzz/run.sh long $(FUZZ_BUILD) $(foreach t,$(FUZZ_TARGETS),$(t):$(FUZZ_TIME))
