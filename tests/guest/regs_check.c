// SPDX-License-Identifier: MIT
/* The register checks of suite "regs", for any CPU (see regs_check.h). */
#include "regs_check.h"

#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arch_test.h"

uint64_t regs_random(struct regs_run *run)
{
	return rt_random_next(&run->rng);
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

unsigned long regs_pick_call(uint64_t *rng, unsigned long in[])
{
	uint64_t limit = arch_test_pa_limit();
	unsigned long align = arch_test_vectors_align;

	switch (rt_random_next(rng) % 7) {
	case 0: /* SET_VECTORS to the stub's own vectors: accepted, nothing moves */
		in[0] = HVC_SET_VECTORS;
		in[1] = hyp_stub_vectors();
		return 0;
	case 1: /* misaligned SET_VECTORS */
		in[0] = HVC_SET_VECTORS;
		if (limit)
			in[1] %= limit;
		in[1] |= 1 + rt_random_next(rng) % (align - 1);
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
		in[1] = arch_test_bad_entry(in[1] & ~3ul, rt_random_next(rng));
		return HVC_STUB_ERR;
	case 5: /* SOFT_RESTART beyond the physical address space, where there is one */
		in[0] = HVC_SOFT_RESTART;
		if (!limit)
			in[1] = arch_test_bad_entry(in[1] & ~3ul, rt_random_next(rng));
		else
			in[1] = (unsigned long)((in[1] | limit) & ~(uint64_t)3);
		return HVC_STUB_ERR;
	default: /* an undefined number, however large or small (the park call is defined) */
		while (in[0] <= HVC_RESET_VECTORS || in[0] == HS_CALL_PARK)
			in[0] = (unsigned long)(rt_random_next(rng) % 2 ? rt_random_next(rng)
									: rt_random_next(rng) % 16);
		return HVC_STUB_ERR;
	}
}

/* One random call (one in eight with `hvc #1`) and the x0 the stub must answer. */
static unsigned long pick_call(struct regs_run *run, unsigned long in[], int *imm1)
{
	*imm1 = regs_random(run) % 8 == 0;
	if (*imm1) {
		/* A defined call with a non-zero immediate: refused. */
		in[0] = regs_random(run) % 3;
		return HVC_STUB_ERR;
	}
	return regs_pick_call(&run->rng, in);
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
