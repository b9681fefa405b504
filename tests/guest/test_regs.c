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

#define REG_CALLS 10000u

static void compare_sysregs(const struct arch_sysregs *before, unsigned call)
{
	struct arch_sysregs now;

	arch_sysregs_read(&now);
	for (unsigned i = 0; i < before->n; i++)
		if (now.value[i] != before->value[i])
			test_fail(__FILE__, __LINE__, "after call %u: %s changed 0x%llx -> 0x%llx",
				  call, arch_sysreg_name(i), (unsigned long long)before->value[i],
				  (unsigned long long)now.value[i]);
}

/* One random call and the x0 the stub must answer. */
static unsigned long pick_call(uint64_t in[ARCH_TEST_NREGS], int *imm1)
{
	uint64_t limit = arch_test_pa_limit();

	*imm1 = 0;
	switch (rt_random() % 8) {
	case 0: /* valid SET_VECTORS: the stub's own vectors, so nothing moves */
		in[0] = HVC_SET_VECTORS;
		in[1] = hyp_stub_vectors();
		return 0;
	case 1: /* misaligned SET_VECTORS */
		in[0] = HVC_SET_VECTORS;
		in[1] = (in[1] % limit) | (1 + rt_random() % 0x7ff);
		return HVC_STUB_ERR;
	case 2: /* SET_VECTORS beyond the physical address space */
		in[0] = HVC_SET_VECTORS;
		in[1] = (in[1] | limit) & ~0x7fful;
		return HVC_STUB_ERR;
	case 3: in[0] = HVC_RESET_VECTORS; return 0;
	case 4: /* misaligned SOFT_RESTART */
		in[0] = HVC_SOFT_RESTART;
		in[1] |= 1 + rt_random() % 3;
		return HVC_STUB_ERR;
	case 5: /* a defined call with a non-zero immediate */
		*imm1 = 1;
		in[0] = rt_random() % 3;
		return HVC_STUB_ERR;
	default: /* an undefined number */
		while (in[0] <= HVC_RESET_VECTORS)
			in[0] = rt_random();
		return HVC_STUB_ERR;
	}
}

TEST_HYP(regs, all_but_x0_preserved_over_10000_random_calls)
{
	uint64_t in[ARCH_TEST_NREGS], out[ARCH_TEST_FRAME];
	struct arch_sysregs before;
	unsigned counts[2] = {0, 0};

	rt_random_seed(0x5eed0001);
	arch_sysregs_randomize();
	arch_sysregs_read(&before);
	for (unsigned call = 0; call < REG_CALLS; call++) {
		unsigned long want;
		int imm1;

		for (unsigned r = 0; r < ARCH_TEST_NREGS; r++)
			in[r] = rt_random();
		want = pick_call(in, &imm1);
		memset(out, 0, sizeof(out));
		if (imm1)
			arch_test_hvc1_regs(in, out);
		else
			arch_test_hvc_regs(in, out);
		counts[want == 0]++;
		ASSERT_EQ(out[0], want);
		for (unsigned r = 1; r < ARCH_TEST_NREGS; r++)
			if (out[r] != in[r]) {
				test_fail(__FILE__, __LINE__,
					  "call %u (x0=0x%llx): x%u 0x%llx -> 0x%llx", call,
					  (unsigned long long)in[0], r, (unsigned long long)in[r],
					  (unsigned long long)out[r]);
				return;
			}
		ASSERT_EQ(out[ARCH_TEST_SP], arch_test_sp_for_hvc());
		if (call % 1000 == 999) {
			compare_sysregs(&before, call);
			if (test_failures())
				return;
		}
	}
	/* Both accepted and refused calls were exercised. */
	EXPECT_TRUE(counts[0] > REG_CALLS / 2);
	EXPECT_TRUE(counts[1] > REG_CALLS / 8);
	printf(
	    "    %u calls: %u accepted, %u refused; registers and %u EL1 system registers kept\n",
	    REG_CALLS, counts[1], counts[0], before.n);
}

TEST_HYP(regs, fp_simd_registers_untouched)
{
	uint64_t in[ARCH_TEST_FP_WORDS], out[ARCH_TEST_FP_WORDS];

	for (unsigned call = 0; call < 1000; call++) {
		unsigned long number = call % 2 ? HVC_RESET_VECTORS : 0x1000 + call;

		for (unsigned i = 0; i < ARCH_TEST_FP_WORDS; i++)
			in[i] = rt_random();
		arch_test_hvc_fp(number, in, out);
		for (unsigned i = 0; i < ARCH_TEST_FP_WORDS; i++)
			ASSERT_EQ(out[i], in[i]);
	}
}

static uint64_t identity(uint64_t arg)
{
	return arg;
}

TEST_HYP(regs, sysregs_kept_across_soft_restart_round_trip)
{
	struct arch_sysregs before;

	arch_sysregs_randomize();
	arch_sysregs_read(&before);
	for (unsigned i = 0; i < 20; i++) {
		uint64_t v = rt_random();

		ASSERT_EQ(rt_el2_call(identity, v), v);
	}
	compare_sysregs(&before, 0);
}
