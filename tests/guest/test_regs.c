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
static unsigned long pick_call(unsigned long in[], int *imm1)
{
	uint64_t limit = arch_test_pa_limit();
	unsigned long align = arch_test_vectors_align;

	*imm1 = 0;
	switch (rt_random() % 8) {
	case 0: /* valid SET_VECTORS: the stub's own vectors, so nothing moves */
		in[0] = HVC_SET_VECTORS;
		in[1] = hyp_stub_vectors();
		return 0;
	case 1: /* misaligned SET_VECTORS */
		in[0] = HVC_SET_VECTORS;
		if (limit)
			in[1] %= limit;
		in[1] |= 1 + rt_random() % (align - 1);
		return HVC_STUB_ERR;
	case 2: /* SET_VECTORS beyond the physical address space, if there is a beyond */
		in[0] = HVC_SET_VECTORS;
		if (!limit) {
			in[1] = hyp_stub_vectors();
			return 0;
		}
		in[1] = (unsigned long)((in[1] | limit) & ~(uint64_t)(align - 1));
		return HVC_STUB_ERR;
	case 3: in[0] = HVC_RESET_VECTORS; return 0;
	case 4: /* misaligned SOFT_RESTART */
		in[0] = HVC_SOFT_RESTART;
		in[1] = arch_test_bad_entry(in[1] & ~3ul, rt_random());
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
	unsigned long in[ARCH_TEST_MAX_REGS], out[ARCH_TEST_MAX_REGS + 1];
	unsigned nregs = arch_test_nregs;
	struct arch_sysregs before;
	unsigned counts[2] = {0, 0};

	rt_random_seed(0x5eed0001);
	arch_sysregs_randomize();
	arch_sysregs_read(&before);
	for (unsigned call = 0; call < REG_CALLS; call++) {
		unsigned long want;
		int imm1;

		for (unsigned r = 0; r < nregs; r++)
			in[r] = rt_random();
		want = pick_call(in, &imm1);
		memset(out, 0, sizeof(out));
		if (imm1)
			arch_test_hvc1_regs(in, out);
		else
			arch_test_hvc_regs(in, out);
		counts[want == 0]++;
		ASSERT_EQ(out[0], want);
		for (unsigned r = 1; r < nregs; r++)
			if (out[r] != in[r]) {
				test_fail(__FILE__, __LINE__,
					  "call %u (%s=0x%llx): %s 0x%llx -> 0x%llx", call,
					  arch_test_reg_name(0), (unsigned long long)in[0],
					  arch_test_reg_name(r), (unsigned long long)in[r],
					  (unsigned long long)out[r]);
				return;
			}
		ASSERT_EQ(out[nregs], arch_test_sp_for_hvc());
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

	arch_sysregs_randomize();
	arch_sysregs_read(&before);
	for (unsigned i = 0; i < 20; i++) {
		unsigned long v = rt_random();

		ASSERT_EQ(rt_el2_call(identity, v), v);
	}
	compare_sysregs(&before, 0);
}
