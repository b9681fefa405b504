/* SPDX-License-Identifier: MIT */
/*
 * What the "features" suite needs from the architecture
 * (tests/guest/<arch>/features.c): for each feature EL1/PL1 may use,
 * whether the CPU has it (from the ID registers, with the field that says
 * so), and a use of it at EL1 that fails the test on a wrong result. A use
 * that traps to EL2/HYP ends the run in the stub's crash report.
 */
#ifndef TESTS_GUEST_ARCH_FEATURES_H
#define TESTS_GUEST_ARCH_FEATURES_H

#include <stddef.h>

// clang-format off
/* id, name in the transcript and the README's table */
#define ARCH_FEATURES(X) \
	X(FP_SIMD, "FP/SIMD") \
	X(SVE, "SVE") \
	X(SME, "SME") \
	X(PAUTH, "PAuth") \
	X(MTE, "MTE") \
	X(GICV3, "GICv3 sysregs") \
	X(TIMERS, "timers+counters") \
	X(PMU_CYCLES, "PMU cycles") \
	X(PMU_EVENTS, "PMU events") \
	X(DEBUG, "debug regs")
// clang-format on

#define ARCH_FEATURE_ENUM(id, name) ARCH_FEATURE_##id,
enum arch_feature { ARCH_FEATURES(ARCH_FEATURE_ENUM) ARCH_NFEATURES };
#undef ARCH_FEATURE_ENUM

/*
 * Does the CPU have it? `why` gets the ID register field and its value
 * (or why the question does not apply on this architecture).
 */
int arch_feature_present(enum arch_feature f, char *why, size_t len);

/*
 * Use it at EL1/PL1 (only called when present). Failures go through the
 * harness (test_fail); `detail` gets what was measured (a vector length,
 * a count). Features the arch-neutral suite exercises itself (timers, the
 * cycle counter, the GICv3 registers) are no-ops here.
 */
void arch_feature_exercise(enum arch_feature f, char *detail, size_t len);

#endif
