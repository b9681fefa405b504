// SPDX-License-Identifier: MIT
/*
 * Suite "fuzz": 100,000 hypercalls in random order, with random values in
 * every register and random `hvc` immediates, each through an `hvc`
 * instruction rewritten before the call (tests/guest/arch_fuzz.h). After
 * every call: the answer in x0/r0 is the one docs/ABI.md gives, every
 * other register and SP are as they were, the EL1/PL1 system registers
 * are unchanged, and VBAR_EL2/HVBAR is the stub's unless the call was
 * meant to move it (then it is put back). Every call that comes back
 * proves the machine alive; the counter must also keep advancing.
 */
#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <string.h>

#include "arch_fuzz.h"
#include "arch_test.h"
#include "harness.h"

#include <arch/sysreg.h>

#define FUZZ_CALLS  100000u
#define SOME_CALL   0x1234ul
#define ALIVE_EVERY 4096u

/* What happened, for the transcript and to prove the mix reached everything. */
struct fuzz_counts {
	unsigned accepted, refused, nonzero_imm, sample_rounds, el2_rounds, vbar_checks;
	unsigned distinct_imm;
	uint8_t imm_seen[(ARCH_FUZZ_IMM_MAX + 1) / 8];
};

static struct fuzz_counts counts;

static unsigned long read_vbar_el2(unsigned long unused)
{
	(void)unused;
	return rt_el2_ctx.entry_vbar_el2;
}

static unsigned long identity(unsigned long arg)
{
	return arg;
}

static void note_imm(unsigned imm)
{
	if (!(counts.imm_seen[imm / 8] & (1u << (imm % 8)))) {
		counts.imm_seen[imm / 8] |= (uint8_t)(1u << (imm % 8));
		counts.distinct_imm++;
	}
}

/* An immediate for this call: 0 half of the time, else any other 16-bit value. */
static unsigned pick_imm(void)
{
	uint64_t r = rt_random();

	if (r & 1)
		return 0;
	return 1 + (unsigned)((r >> 1) % ARCH_FUZZ_IMM_MAX);
}

/*
 * Fill the registers for one call with immediate `imm` and return the x0
 * the stub must answer.
 */
static unsigned long pick_call(unsigned imm, unsigned long in[])
{
	uint64_t limit = arch_test_pa_limit();
	unsigned long align = arch_test_vectors_align;

	if (imm != 0) {
		/* Any call, even a valid one, with a non-zero immediate is refused. */
		switch (rt_random() % 4) {
		case 0: in[0] = HVC_SET_VECTORS, in[1] = (uintptr_t)rt_sample_vectors; break;
		case 1: in[0] = HVC_RESET_VECTORS; break;
		case 2: in[0] = HVC_SOFT_RESTART, in[1] = (uintptr_t)identity & ~3ul; break;
		default: break; /* random x0 */
		}
		return HVC_STUB_ERR;
	}
	switch (rt_random() % 8) {
	case 0: /* SET_VECTORS to the stub's own vectors: accepted, nothing moves */
		in[0] = HVC_SET_VECTORS;
		in[1] = hyp_stub_vectors();
		return 0;
	case 1: /* misaligned SET_VECTORS */
		in[0] = HVC_SET_VECTORS;
		if (limit)
			in[1] %= limit;
		in[1] |= 1 + rt_random() % (align - 1);
		return HVC_STUB_ERR;
	case 2: /* SET_VECTORS beyond the physical address space, where there is one */
		in[0] = HVC_SET_VECTORS;
		if (!limit) {
			in[1] = hyp_stub_vectors();
			return 0;
		}
		in[1] = (unsigned long)((in[1] | limit) & ~(uint64_t)(align - 1));
		return HVC_STUB_ERR;
	case 3: /* RESET_VECTORS with the stub in place */ in[0] = HVC_RESET_VECTORS; return 0;
	case 4: /* misaligned SOFT_RESTART */
		in[0] = HVC_SOFT_RESTART;
		in[1] = arch_test_bad_entry(in[1] & ~3ul, rt_random());
		return HVC_STUB_ERR;
	case 5: /* SOFT_RESTART beyond the physical address space, where there is one */
		in[0] = HVC_SOFT_RESTART;
		if (!limit)
			in[1] = arch_test_bad_entry(in[1] & ~3ul, rt_random());
		else
			in[1] = (unsigned long)((in[1] | limit) & ~(uint64_t)3);
		return HVC_STUB_ERR;
	default: /* an undefined number, however large or small */
		while (in[0] <= HVC_RESET_VECTORS)
			in[0] = rt_random() % 2 ? rt_random() : rt_random() % 16;
		return HVC_STUB_ERR;
	}
}

static int sysregs_same(const struct arch_sysregs *before, unsigned call)
{
	struct arch_sysregs now;

	arch_sysregs_read(&now);
	for (unsigned i = 0; i < before->n; i++)
		if (now.value[i] != before->value[i]) {
			test_fail(__FILE__, __LINE__, "after call %u: %s changed 0x%llx -> 0x%llx",
				  call, arch_sysreg_name(i), (unsigned long long)before->value[i],
				  (unsigned long long)now.value[i]);
			return 0;
		}
	return 1;
}

/* One random call through the rewritten `hvc`; 0 when it broke an invariant. */
static int one_call(unsigned call, const struct arch_sysregs *before)
{
	unsigned long in[ARCH_TEST_MAX_REGS], out[ARCH_TEST_MAX_REGS + 1];
	unsigned nregs = arch_test_nregs;
	unsigned imm = pick_imm();
	unsigned long want;

	for (unsigned r = 0; r < nregs; r++)
		in[r] = rt_random();
	want = pick_call(imm, in);
	if (arch_fuzz_set_imm(imm) != arch_fuzz_slot_word()) {
		test_fail(__FILE__, __LINE__, "call %u: the slot does not hold hvc #0x%x", call,
			  imm);
		return 0;
	}
	note_imm(imm);
	memset(out, 0, sizeof(out));
	arch_fuzz_hvc_regs(in, out);
	counts.nonzero_imm += imm != 0;
	if (want == 0)
		counts.accepted++;
	else
		counts.refused++;
	if (out[0] != want) {
		test_fail(__FILE__, __LINE__,
			  "call %u (hvc #0x%x, arguments 0x%llx, 0x%llx): 0x%llx, expected 0x%llx",
			  call, imm, (unsigned long long)in[0], (unsigned long long)in[1],
			  (unsigned long long)out[0], (unsigned long long)want);
		return 0;
	}
	for (unsigned r = 1; r < nregs; r++)
		if (out[r] != in[r]) {
			test_fail(__FILE__, __LINE__,
				  "call %u (hvc #0x%x, call 0x%llx): %s 0x%llx -> 0x%llx", call,
				  imm, (unsigned long long)in[0], arch_test_reg_name(r),
				  (unsigned long long)in[r], (unsigned long long)out[r]);
			return 0;
		}
	if (out[nregs] != arch_test_sp_for_hvc()) {
		test_fail(__FILE__, __LINE__, "call %u: SP 0x%lx, expected 0x%lx", call, out[nregs],
			  arch_test_sp_for_hvc());
		return 0;
	}
	if (!sysregs_same(before, call))
		return 0;
	/* VBAR_EL2/HVBAR: the stub's, whatever the call was. */
	{
		unsigned long vbar = rt_el2_call(read_vbar_el2, 0);

		counts.vbar_checks++;
		counts.el2_rounds++;
		if (vbar != hyp_stub_vectors()) {
			test_fail(__FILE__, __LINE__,
				  "call %u (hvc #0x%x, %s=0x%llx): VBAR_EL2 0x%lx, expected the "
				  "stub's 0x%lx",
				  call, imm, arch_test_reg_name(0), (unsigned long long)in[0], vbar,
				  (unsigned long)hyp_stub_vectors());
			return 0;
		}
	}
	return 1;
}

/* A call that moves the vectors on purpose, then puts the stub back. */
static int sample_round(unsigned call)
{
	rt_sample_stub_vectors = hyp_stub_vectors();
	rt_sample_calls = 0;
	if (hyp_set_vectors((uintptr_t)rt_sample_vectors) != 0 ||
	    rt_el2_call(read_vbar_el2, 0) != (uintptr_t)rt_sample_vectors ||
	    hyp_call(SOME_CALL, rt_random(), rt_random(), rt_random(), rt_random()) !=
		RT_SAMPLE_MAGIC ||
	    hyp_reset_vectors() != 0 || rt_el2_call(read_vbar_el2, 0) != hyp_stub_vectors()) {
		test_fail(__FILE__, __LINE__, "call %u: the sample handler's round went wrong",
			  call);
		return 0;
	}
	counts.sample_rounds++;
	counts.el2_rounds += 2;
	return 1;
}

TEST_HYP(fuzz, random_hvc_100000_calls)
{
	struct arch_sysregs before;
	uint64_t last_count = sysreg_cntvct_el0_read();

	memset(&counts, 0, sizeof(counts));
	rt_random_seed(0xf0220007);
	arch_sysregs_randomize();
	arch_sysregs_read(&before);
	for (unsigned call = 0; call < FUZZ_CALLS;) {
		/* Now and then, a SOFT_RESTART round trip or a vectors round. */
		switch (rt_random() % 64) {
		case 0:
			if (rt_el2_call(identity, call) != call) {
				test_fail(__FILE__, __LINE__, "call %u: SOFT_RESTART round trip",
					  call);
				return;
			}
			counts.el2_rounds++;
			continue;
		case 1:
			if (!sample_round(call))
				return;
			continue;
		default: break;
		}
		if (!one_call(call, &before))
			return;
		call++;
		if (call % ALIVE_EVERY == ALIVE_EVERY - 1) {
			uint64_t now = sysreg_cntvct_el0_read();

			ASSERT_EQ(now > last_count, 1);
			last_count = now;
		}
	}
	if (!sysregs_same(&before, FUZZ_CALLS))
		return;
	/* The mix must have reached every outcome, or the run says little. */
	EXPECT_TRUE(counts.accepted > FUZZ_CALLS / 16);
	EXPECT_TRUE(counts.nonzero_imm > FUZZ_CALLS / 4);
	EXPECT_TRUE(counts.sample_rounds > 100);
	EXPECT_TRUE(counts.distinct_imm > 20000);
	/* Put the slot back to the ABI's own `hvc #0`. */
	arch_fuzz_set_imm(0);
	printf("    %u calls: %u accepted, %u refused (%u with a non-zero immediate, %u distinct "
	       "immediates); %u vectors rounds, %u EL2 round trips, %u VBAR checks, %u EL1 "
	       "system registers kept\n",
	       FUZZ_CALLS, counts.accepted, counts.refused, counts.nonzero_imm, counts.distinct_imm,
	       counts.sample_rounds, counts.el2_rounds, counts.vbar_checks, before.n);
}
