# SPDX-License-Identifier: MIT
# `make install` / `make uninstall` (docs/SDK.md): hypstub as an SDK that a
# kernel of one's own links through pkg-config. PREFIX=/usr/local by
# default; DESTDIR= stages the same tree under another root (packaging).
# Both architectures, or the one ARCH= names on the command line.
#
#   $PREFIX/include/hypstub/*.h                the public headers (both)
#   $PREFIX/lib/hypstub/<arch>/include/arch/   the arch headers they include
#   $PREFIX/lib/hypstub/<arch>/libhypstub.a    client, runtime, kexec loader
#   $PREFIX/lib/hypstub/<arch>/hypstub-start.o the payload's entry (_start)
#   $PREFIX/lib/hypstub/<arch>/payload.ld      the payload's linker script
#   $PREFIX/lib/pkgconfig/hypstub-<arch>.pc
#   $PREFIX/share/hypstub/<arch>/              hypstub.bin (shim), hyp.bin
#
# The per-architecture files live in a directory of hypstub's own, as
# GCC keeps its target files in lib/gcc/<target>/: the two architectures'
# headers and libraries have the same names, they are freestanding
# (picolibc, no Linux), and neither may be found by a native or a Linux
# cross toolchain, whose search paths include $PREFIX/lib and the
# multiarch include/<triplet>/ directories.

PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_ARCHS := $(if $(filter command line,$(origin ARCH)),$(ARCH),$(ALL_ARCHS))
SDK_VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo unknown)

# Every header of include/hypstub/ but the shim's and the resident code's
# own (the early UART, the resident code's memset, the slow-path lock).
SDK_INTERNAL_HEADERS := early_uart.h nolibc.h slow_lock.h
SDK_HEADERS := $(filter-out $(addprefix include/hypstub/,$(SDK_INTERNAL_HEADERS)), \
	$(wildcard include/hypstub/*.h))
# The arch headers that the public ones include (<arch/...>); the test
# compiles every installed header alone from the prefix.
SDK_ARCH_HEADERS := $(addprefix arch/$(ARCH)/include/arch/,exc_frame.h rt_arch.h rt_el2_ctx.h)
SDK_START_OBJ := $(BUILD)/payload/arch/$(ARCH)/rt_start.S.o
SDK_LIB := $(BUILD)/sdk/libhypstub.a
SDK_PC := $(BUILD)/sdk/hypstub-$(ARCH).pc
# Where Debian's libfdt-dev for the target puts libfdt.a (the same
# package the build unpacks into build/deps/).
SDK_LIBFDT ?= $(patsubst $(FDT_DEPS)%,%,$(LIBFDT_A))

SDK_ROOT := $(DESTDIR)$(PREFIX)
SDK_ARCHDIR := $(SDK_ROOT)/lib/hypstub/$(ARCH)
SDK_SHAREDIR := $(SDK_ROOT)/share/hypstub/$(ARCH)
SDK_PCDIR := $(SDK_ROOT)/lib/pkgconfig

.PHONY: install uninstall install-one uninstall-one sdk-check-prefix

sdk-check-prefix:
	@case "$(PREFIX)" in /*) ;; *) echo "install: PREFIX=$(PREFIX) is not an absolute path" \
		"(the pkg-config file names it); nothing installed or removed" >&2; exit 1;; esac

install: sdk-check-prefix
	$(Q)for a in $(INSTALL_ARCHS); do \
		$(MAKE) --no-print-directory ARCH=$$a install-one || exit 1; done

uninstall: sdk-check-prefix
	$(Q)for a in $(INSTALL_ARCHS); do \
		$(MAKE) --no-print-directory ARCH=$$a uninstall-one || exit 1; done

# The library: the payload runtime without its entry, which goes first on
# the link line as a start-up object of its own.
$(SDK_LIB): $(filter-out $(SDK_START_OBJ),$(RT_OBJS))
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(CROSS)ar rcsD $@ $(sort $^)

# Written every time: PREFIX and the version may change between runs.
$(SDK_PC): mk/hypstub.pc.in FORCE
	@mkdir -p $(@D)
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@ARCH@|$(ARCH)|g' -e 's|@CROSS@|$(CROSS)|g' \
		-e 's|@SPECS@|$(PICOLIBC_SPECS)|g' -e 's|@DEBIAN_ARCH@|$(DEBIAN_ARCH)|g' \
		-e 's|@LIBFDT@|$(SDK_LIBFDT)|g' -e 's|@VERSION@|$(SDK_VERSION)|g' \
		-e 's|@CFLAGS@|$(strip $(ARCH_CFLAGS))|g' -e 's|@LDFLAGS@|$(strip $(ARCH_LDFLAGS))|g' -e 's/ *$$//' \
		$< > $@.tmp && mv $@.tmp $@

install-one: $(SDK_LIB) $(SDK_START_OBJ) $(SDK_PC) $(SHIM_IMG) $(HYP_BIN) $(PAYLOAD_LDS)
	$(Q)install -d $(SDK_ROOT)/include/hypstub $(SDK_ARCHDIR)/include/arch $(SDK_SHAREDIR) \
		$(SDK_PCDIR)
	$(Q)install -m 644 $(SDK_HEADERS) $(SDK_ROOT)/include/hypstub/
	$(Q)install -m 644 $(SDK_ARCH_HEADERS) $(SDK_ARCHDIR)/include/arch/
	$(Q)install -m 644 $(SDK_LIB) $(SDK_ARCHDIR)/libhypstub.a
	$(Q)install -m 644 $(SDK_START_OBJ) $(SDK_ARCHDIR)/hypstub-start.o
	$(Q)install -m 644 $(PAYLOAD_LDS) $(SDK_ARCHDIR)/payload.ld
	$(Q)install -m 644 $(SHIM_IMG) $(HYP_BIN) $(SDK_SHAREDIR)/
	$(Q)install -m 644 $(SDK_PC) $(SDK_PCDIR)/hypstub-$(ARCH).pc
	@echo "  installed hypstub's $(ARCH) SDK into $(SDK_ROOT)"

# Exactly what install-one wrote; the shared headers go with the last
# architecture's pkg-config file. Directories go only when empty, and
# only hypstub's own.
uninstall-one:
	$(Q)rm -f $(addprefix $(SDK_ARCHDIR)/include/arch/,$(notdir $(SDK_ARCH_HEADERS))) \
		$(addprefix $(SDK_ARCHDIR)/,libhypstub.a hypstub-start.o payload.ld) \
		$(addprefix $(SDK_SHAREDIR)/,$(notdir $(SHIM_IMG) $(HYP_BIN))) \
		$(SDK_PCDIR)/hypstub-$(ARCH).pc
	$(Q)if ! ls $(SDK_PCDIR)/hypstub-*.pc >/dev/null 2>&1; then \
		rm -f $(addprefix $(SDK_ROOT)/include/hypstub/,$(notdir $(SDK_HEADERS))); \
		rmdir --ignore-fail-on-non-empty $(SDK_ROOT)/include/hypstub 2>/dev/null || true; fi
	$(Q)for d in $(SDK_ARCHDIR)/include/arch $(SDK_ARCHDIR)/include $(SDK_ARCHDIR) \
		$(SDK_ROOT)/lib/hypstub $(SDK_SHAREDIR) $(SDK_ROOT)/share/hypstub; do \
		[ ! -d $$d ] || rmdir --ignore-fail-on-non-empty $$d; done
	@echo "  removed hypstub's $(ARCH) SDK from $(SDK_ROOT)"
