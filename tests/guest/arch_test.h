/* SPDX-License-Identifier: MIT */
/*
 * What the conformance tests need from the architecture; the arch layers
 * are tests/guest/arm64/ and tests/guest/arm/. The suites themselves are
 * arch-neutral. Registers are unsigned long: 64 bits on arm64, 32 on arm.
 */
#ifndef TESTS_GUEST_ARCH_TEST_H
#define TESTS_GUEST_ARCH_TEST_H

#include <stdint.h>

/*
 * The general-purpose registers a call can see, in the order
 * arch_test_hvc_regs loads them (arm64: x0..x30; arm: r0..r12, lr), and
 * a frame of them plus SP.
 */
extern const unsigned arch_test_nregs;
#define ARCH_TEST_MAX_REGS 32
const char *arch_test_reg_name(unsigned i);

/* Load registers from in[], `hvc #0`, store them to out[] and SP to out[arch_test_nregs]. */
void arch_test_hvc_regs(const unsigned long in[], unsigned long out[]);
/* The same with `hvc #1`: a call this ABI does not define. */
void arch_test_hvc1_regs(const unsigned long in[], unsigned long out[]);
/* SP as the caller of arch_test_hvc_regs sees it (out[arch_test_nregs] must match). */
unsigned long arch_test_sp_for_hvc(void);

/* `hvc #imm` for the immediates below, with x0/r0 and x1/r1; returns x0/r0. */
#define ARCH_TEST_NIMM 4
extern const unsigned arch_test_imm[ARCH_TEST_NIMM];
unsigned long arch_test_hvc_imm(unsigned which, unsigned long x0, unsigned long x1);

/* FP/SIMD registers (arm64: 32 x 128 bits; arm: 32 x 64 bits) in, `hvc #0`, out. */
#define ARCH_TEST_FP_MAX_WORDS 64
extern const unsigned arch_test_fp_words;
unsigned long arch_test_hvc_fp(unsigned long call, const uint64_t in[], uint64_t out[]);

/* EL1/PL1 system registers the stub must leave alone. */
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

/* Alignment HVC_SET_VECTORS requires (arm64 2 KiB, arm 32 bytes). */
extern const unsigned long arch_test_vectors_align;
/* A SOFT_RESTART address the stub must refuse, made from a good one. */
unsigned long arch_test_bad_entry(unsigned long good, uint64_t random);

/*
 * First physical address beyond what the stub accepts, or 0 when every
 * register value is an address (arm: 32-bit registers, HYP MMU off).
 */
uint64_t arch_test_pa_limit(void);
/* An address whose access at EL2/HYP must fault (crash tests). */
unsigned long arch_test_fault_address(void);

/*
 * The registers the shim must enter a payload with, by the boot
 * convention of the architecture (arm64 Linux: x0 = dtb, x1..x3 = 0; arm
 * Linux: r0 = 0, r1 = ~0, r2 = dtb). Fills want[] and returns how many of
 * x0.. (r0..) it fixes.
 */
unsigned arch_test_boot_regs(unsigned long dtb, unsigned long want[4]);

/* The CPU has a PMU EL1/PL1 can use (ID_AA64DFR0_EL1.PMUVer, ID_DFR0.PerfMon); else why not. */
int arch_test_has_pmu(const char **why_not);

/* What the crash tests load into x0..x3 (r0..r3): ARCH_TEST_MARKER + 0..3. */
#define ARCH_TEST_MARKER 0xc0ffee00ul

#endif
