// SPDX-License-Identifier: MIT
/*
 * Suite "regs": the stub keeps every register but x0, SP and the EL1
 * system registers, over thousands of calls with random values, random
 * undefined numbers, and the defined calls with good and bad arguments.
 */
#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <string.h>

#include "arch_test.h"
#include "harness.h"
#include "regs_check.h"

#define REG_CALLS 10000u

TEST_HYP(regs, all_but_x0_preserved_over_10000_random_calls)
{
	struct regs_run run = {.rng = 0x5eed0001};

	arch_sysregs_randomize();
	regs_random_calls(&run, REG_CALLS);
	if (run.failures) {
		test_fail(__FILE__, __LINE__, "%s", run.first_failure);
		return;
	}
	EXPECT_EQ(run.calls, REG_CALLS);
	/* Both accepted and refused calls were exercised. */
	EXPECT_TRUE(run.accepted > REG_CALLS / 8);
	EXPECT_TRUE(run.refused > REG_CALLS / 2);
	printf(
	    "    %u calls: %u accepted, %u refused; registers and %u EL1 system registers kept\n",
	    run.calls, run.accepted, run.refused, run.sysregs_checked);
}

TEST_HYP(regs, fp_simd_registers_untouched)
{
	uint64_t in[ARCH_TEST_FP_MAX_WORDS], out[ARCH_TEST_FP_MAX_WORDS];
	unsigned words = arch_test_fp_words;

	for (unsigned call = 0; call < 1000; call++) {
		unsigned long number = call % 2 ? HVC_RESET_VECTORS : 0x1000 + call;

		for (unsigned i = 0; i < words; i++)
			in[i] = rt_random();
		arch_test_hvc_fp(number, in, out);
		for (unsigned i = 0; i < words; i++)
			ASSERT_EQ(out[i], in[i]);
	}
}

static unsigned long identity(unsigned long arg)
{
	return arg;
}

TEST_HYP(regs, sysregs_kept_across_soft_restart_round_trip)
{
	struct arch_sysregs before;
	struct regs_run run = {0};

	arch_sysregs_randomize();
	arch_sysregs_read(&before);
	for (unsigned i = 0; i < 20; i++) {
		unsigned long v = rt_random();

		ASSERT_EQ(rt_el2_call(identity, v), v);
	}
	regs_compare_sysregs(&run, &before);
	if (run.failures)
		test_fail(__FILE__, __LINE__, "%s", run.first_failure);
}
