/* SPDX-License-Identifier: MIT */
/*
 * The register checks of suite "regs", runnable on any CPU: random calls
 * (good and bad SET_VECTORS, RESET_VECTORS, bad SOFT_RESTART, undefined
 * numbers, non-zero immediates) with random values in every register,
 * each checked for its answer, every register but x0/r0 and SP kept, and
 * the EL1 system registers kept. It never calls test_fail(): a run on
 * another CPU reports through its struct, and the boot CPU judges it.
 */
#ifndef TESTS_GUEST_REGS_CHECK_H
#define TESTS_GUEST_REGS_CHECK_H

#include <stdint.h>

struct regs_run {
	uint64_t rng;		  /* this run's own random state (seed it) */
	unsigned calls;		  /* calls made */
	unsigned accepted;	  /* calls answered 0 */
	unsigned refused;	  /* calls answered HVC_STUB_ERR */
	unsigned sysregs_checked; /* EL1 system registers compared each time */
	unsigned failures;
	char first_failure[200];
};

/* `n` random calls; stops at the first failure. */
void regs_random_calls(struct regs_run *run, unsigned n);

/* Compare this CPU's EL1 system registers with `before` (arch_test.h). */
struct arch_sysregs;
void regs_compare_sysregs(struct regs_run *run, const struct arch_sysregs *before);

/*
 * Fill in[] for one random `hvc #0` call (SET_VECTORS good, misaligned or
 * beyond the address space, RESET_VECTORS, SOFT_RESTART misaligned or
 * beyond, an undefined number), keeping the other random values, and
 * return the x0 the stub must answer.
 */
unsigned long regs_pick_call(uint64_t *rng, unsigned long in[]);

/* The next random number of a run's own generator. */
uint64_t regs_random(struct regs_run *run);

/* Record a failure (the first one's text is kept). */
void regs_fail(struct regs_run *run, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
