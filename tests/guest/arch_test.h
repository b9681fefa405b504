/* SPDX-License-Identifier: MIT */
/*
 * What the conformance tests need from the architecture; arm64 in
 * tests/guest/arm64/. The suites themselves are arch-neutral.
 */
#ifndef TESTS_GUEST_ARCH_TEST_H
#define TESTS_GUEST_ARCH_TEST_H

#include <stdint.h>

/* General-purpose registers a call can see (x0..x30), and a frame of them plus SP. */
#define ARCH_TEST_NREGS 31
#define ARCH_TEST_SP	ARCH_TEST_NREGS
#define ARCH_TEST_FRAME (ARCH_TEST_NREGS + 1)

/* Load every register from in[], `hvc #0`, store every register and SP to out[]. */
void arch_test_hvc_regs(const uint64_t in[ARCH_TEST_NREGS], uint64_t out[ARCH_TEST_FRAME]);
/* The same with `hvc #1`: a call this ABI does not define. */
void arch_test_hvc1_regs(const uint64_t in[ARCH_TEST_NREGS], uint64_t out[ARCH_TEST_FRAME]);
/* SP as the caller of arch_test_hvc_regs sees it (out[ARCH_TEST_SP] must match). */
uint64_t arch_test_sp_for_hvc(void);

/* `hvc #imm` for the immediates below, with x0 and x1; returns x0. */
#define ARCH_TEST_NIMM 4
extern const unsigned arch_test_imm[ARCH_TEST_NIMM];
unsigned long arch_test_hvc_imm(unsigned which, unsigned long x0, unsigned long x1);

/* FP/SIMD registers: 32 x 128 bits in, `hvc #0` with x0 = call, 32 x 128 out. */
#define ARCH_TEST_FP_WORDS 64
unsigned long arch_test_hvc_fp(unsigned long call, const uint64_t in[ARCH_TEST_FP_WORDS],
			       uint64_t out[ARCH_TEST_FP_WORDS]);

/* EL1 system registers the stub must leave alone. */
#define ARCH_TEST_MAX_SYSREGS 32
struct arch_sysregs {
	unsigned n;
	uint64_t value[ARCH_TEST_MAX_SYSREGS];
};
void arch_sysregs_read(struct arch_sysregs *s);
const char *arch_sysreg_name(unsigned i);
/* Give the harmless ones (thread IDs, translation registers while the MMU is off, ...) random
 * values. */
void arch_sysregs_randomize(void);

/* The EL the calling code runs at, and whether the EL2 MMU, D- and I-cache bits are clear. */
unsigned arch_current_el(void);

/* At EL2: make EL1's WFI trap to EL2 (crash tests only). */
void arch_test_el2_trap_wfi(void);
/* At EL1: x0..x3 = ARCH_TEST_MARKER + 0..3, then WFI. */
#define ARCH_TEST_MARKER 0xc0ffee00ul
void arch_test_wfi_with_markers(void);

/* Physical-address limit of this CPU, for "beyond the address space" inputs. */
uint64_t arch_test_pa_limit(void);

#endif
