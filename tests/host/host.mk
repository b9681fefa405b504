# SPDX-License-Identifier: MIT
# Host unit tests (tier 1): the arch-neutral C and the arm64 EL2 set-up
# logic, built for the host with cmocka against a fake CPU
# (tests/host/fake), under AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   make -f tests/host/host.mk host-test     standalone, from the top directory
#   make host-test                           once the top Makefile includes this
#
# Knobs (all optional): HOST_CC (gcc), HOST_DTC (dtc), HOST_BUILD
# (build/host), V=1. HOST_KNOWN_BUGS=1 in the environment also runs the
# tests of bugs still open (skipped otherwise).
# Everything here is prefixed HOST_ so that it cannot clash with the top
# Makefile; run it from the top directory (paths are relative to it).

# Standalone (make -f tests/host/host.mk): host-test is the default goal.
# Included: leave the including Makefile's default goal alone.
HOST_SAVED_DEFAULT_GOAL := $(.DEFAULT_GOAL)
HOST_STANDALONE := $(if $(filter 1,$(words $(MAKEFILE_LIST))),1)

HOST_CC ?= gcc
HOST_DTC ?= dtc
HOST_BUILD ?= build/host
HOST_Q := $(if $(filter 1,$(V)),,@)

HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
HOST_CPPFLAGS := -Itests/host/fake -Iinclude -Iarch/arm64/include \
	-DHOST_SRCDIR='"$(CURDIR)"' -DHOST_DTB_DIR='"$(abspath $(HOST_BUILD)/data)"'
HOST_LDLIBS := -lcmocka -lfdt

HOST_FAKE := tests/host/fake/fake_cpu.c

# One binary per unit: test_<name>, from these sources.
HOST_TESTS := fake dispatch el2_setup el2_setup_arm cpu platform payload payload32 handoff smp bulk \
	kexec pt uart translate spin_table
HOST_SRCS_fake := tests/host/test_fake.c $(HOST_FAKE)
HOST_SRCS_dispatch := tests/host/test_dispatch.c stub/dispatch.c $(HOST_FAKE)
HOST_SRCS_el2_setup := tests/host/test_el2_setup.c arch/arm64/el2_setup.c $(HOST_FAKE)
# The arm layer's HYP set-up, on the same fake CPU, with arm's headers.
HOST_SRCS_el2_setup_arm := tests/host/test_el2_setup_arm.c arch/arm/el2_setup.c $(HOST_FAKE)
HOST_CPPFLAGS_el2_setup_arm := -Itests/host/fake -Iinclude -Iarch/arm/include
HOST_SRCS_cpu := tests/host/test_cpu.c arch/arm64/cpu.c $(HOST_FAKE)
HOST_UART_TABLES := drivers/uart/match.c drivers/uart/pl011.c drivers/uart/ns16550.c drivers/uart/cdns.c \
	drivers/uart/imx.c
HOST_SRCS_platform := tests/host/test_platform.c lib/dt/platform.c lib/dt/walk.c lib/dt/translate.c \
	$(HOST_UART_TABLES) tests/host/hosttest.c
HOST_SRCS_payload := tests/host/test_payload.c boot/payload.c lib/support/bulk.c
HOST_SRCS_payload32 := tests/host/test_payload32.c boot/payload.c lib/support/bulk.c
HOST_SRCS_handoff := tests/host/test_handoff.c boot/handoff.c lib/dt/walk.c lib/support/bulk.c tests/host/hosttest.c
HOST_SRCS_uart := tests/host/test_uart.c drivers/uart/uart.c drivers/uart/pl011.c drivers/uart/ns16550.c \
	drivers/uart/cdns.c drivers/uart/imx.c drivers/uart/match.c
HOST_CPPFLAGS_uart := $(HOST_CPPFLAGS) -DHS_FAKE_MMIO
HOST_SRCS_translate := tests/host/test_translate.c lib/dt/translate.c lib/dt/platform.c lib/dt/walk.c \
	$(HOST_UART_TABLES) tests/host/hosttest.c
HOST_SRCS_bulk := tests/host/test_bulk.c lib/support/bulk.c
HOST_SRCS_kexec := tests/host/test_kexec.c lib/kexec/plan.c
HOST_SRCS_pt := tests/host/test_pt.c hyp/pt.c
HOST_SRCS_spin_table := tests/host/test_spin_table.c drivers/cpu/release.c drivers/cpu/spin_table.c \
	drivers/cpu/psci.c $(HOST_FAKE)
HOST_SRCS_smp := tests/host/test_smp.c cpu/cpu_entry.c boot/smp_levels.c arch/arm64/el2_setup.c \
	$(HOST_FAKE)

HOST_BINS := $(HOST_TESTS:%=$(HOST_BUILD)/test_%)
HOST_HDRS := $(wildcard include/hypstub/*.h arch/*/include/arch/*.h stub/*.h cpu/*.h boot/*.h \
	tests/host/*.h tests/host/fake/*.h tests/host/fake/arch/*.h hyp/*.h drivers/*/*.h)
# The device trees of the platform tests, compiled at build time.
HOST_DTS := $(wildcard tests/host/data/*.dts)
HOST_DTBS := $(HOST_DTS:tests/host/data/%.dts=$(HOST_BUILD)/data/%.dtb)

.PHONY: host-test host-build host-clean
host-test: $(HOST_BINS) $(HOST_DTBS)
	$(HOST_Q)bash tests/host/run-tests.sh $(HOST_BINS)

host-build: $(HOST_BINS) $(HOST_DTBS)

host-clean:
	rm -rf $(HOST_BUILD)

define HOST_TEST_RULE
$(HOST_BUILD)/test_$(1): $$(HOST_SRCS_$(1)) $$(HOST_HDRS) tests/host/host.mk
	@mkdir -p $$(@D)
	@echo "  HOSTCC  $$@"
	$$(HOST_Q)$$(HOST_CC) $$(HOST_CFLAGS) $$(or $$(HOST_CPPFLAGS_$(1)),$$(HOST_CPPFLAGS)) -o $$@ \
		$$(HOST_SRCS_$(1)) $$(HOST_LDLIBS)
endef
$(foreach t,$(HOST_TESTS),$(eval $(call HOST_TEST_RULE,$(t))))

$(HOST_BUILD)/data/%.dtb: tests/host/data/%.dts
	@mkdir -p $(@D)
	$(HOST_Q)$(HOST_DTC) -q -I dts -O dtb -o $@ $<

ifeq ($(HOST_STANDALONE),1)
.DEFAULT_GOAL := host-test
else
.DEFAULT_GOAL := $(HOST_SAVED_DEFAULT_GOAL)
endif
