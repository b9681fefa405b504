// SPDX-License-Identifier: MIT
/* The register checks of suite "regs", for any CPU (see regs_check.h). */
#include "regs_check.h"

#include <hypstub/client.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arch_test.h"

uint64_t regs_random(struct regs_run *run)
{
	/* xorshift64*, as rt_random(), on the run's own state. */
	if (!run->rng)
		run->rng = 0x9e3779b97f4a7c15ull;
	run->rng ^= run->rng >> 12;
	run->rng ^= run->rng << 25;
	run->rng ^= run->rng >> 27;
	return run->rng * 0x2545f4914f6cdd1dull;
}

void regs_fail(struct regs_run *run, const char *fmt, ...)
{
	if (run->failures++ == 0) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(run->first_failure, sizeof(run->first_failure), fmt, ap);
		va_end(ap);
	}
}

void regs_compare_sysregs(struct regs_run *run, const struct arch_sysregs *before)
{
	struct arch_sysregs now;

	arch_sysregs_read(&now);
	for (unsigned i = 0; i < before->n; i++)
		if (now.value[i] != before->value[i]) {
			regs_fail(run, "after call %u: %s changed 0x%llx -> 0x%llx", run->calls,
				  arch_sysreg_name(i), (unsigned long long)before->value[i],
				  (unsigned long long)now.value[i]);
			return;
		}
}

/* One random call and the x0 the stub must answer. */
static unsigned long pick_call(struct regs_run *run, unsigned long in[], int *imm1)
{
	uint64_t limit = arch_test_pa_limit();
	unsigned long align = arch_test_vectors_align;

	*imm1 = 0;
	switch (regs_random(run) % 8) {
	case 0: /* valid SET_VECTORS: the stub's own vectors, so nothing moves */
		in[0] = HVC_SET_VECTORS;
		in[1] = hyp_stub_vectors();
		return 0;
	case 1: /* misaligned SET_VECTORS */
		in[0] = HVC_SET_VECTORS;
		if (limit)
			in[1] %= limit;
		in[1] |= 1 + regs_random(run) % (align - 1);
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
		in[1] = arch_test_bad_entry(in[1] & ~3ul, regs_random(run));
		return HVC_STUB_ERR;
	case 5: /* a defined call with a non-zero immediate */
		*imm1 = 1;
		in[0] = regs_random(run) % 3;
		return HVC_STUB_ERR;
	default: /* an undefined number */
		while (in[0] <= HVC_RESET_VECTORS)
			in[0] = regs_random(run);
		return HVC_STUB_ERR;
	}
}

void regs_random_calls(struct regs_run *run, unsigned n)
{
	unsigned long in[ARCH_TEST_MAX_REGS], out[ARCH_TEST_MAX_REGS + 1];
	unsigned nregs = arch_test_nregs;
	struct arch_sysregs before;

	arch_sysregs_read(&before);
	run->sysregs_checked = before.n;
	for (unsigned i = 0; i < n && !run->failures; i++) {
		unsigned long want;
		int imm1;

		for (unsigned r = 0; r < nregs; r++)
			in[r] = (unsigned long)regs_random(run);
		want = pick_call(run, in, &imm1);
		memset(out, 0, sizeof(out));
		if (imm1)
			arch_test_hvc1_regs(in, out);
		else
			arch_test_hvc_regs(in, out);
		run->calls++;
		if (want == 0)
			run->accepted++;
		else
			run->refused++;
		if (out[0] != want) {
			regs_fail(run, "call %u (%s=0x%llx): answered 0x%llx, expected 0x%llx",
				  run->calls, arch_test_reg_name(0), (unsigned long long)in[0],
				  (unsigned long long)out[0], (unsigned long long)want);
			return;
		}
		for (unsigned r = 1; r < nregs; r++)
			if (out[r] != in[r]) {
				regs_fail(run, "call %u (%s=0x%llx): %s 0x%llx -> 0x%llx",
					  run->calls, arch_test_reg_name(0),
					  (unsigned long long)in[0], arch_test_reg_name(r),
					  (unsigned long long)in[r], (unsigned long long)out[r]);
				return;
			}
		if (out[nregs] != arch_test_sp_for_hvc()) {
			regs_fail(run, "call %u: SP 0x%llx, expected 0x%llx", run->calls,
				  (unsigned long long)out[nregs],
				  (unsigned long long)arch_test_sp_for_hvc());
			return;
		}
		if (run->calls % 1000 == 0)
			regs_compare_sysregs(run, &before);
	}
}
