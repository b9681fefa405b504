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
 *
 * A run keeps all its state in a struct fuzz_run, so that every CPU can
 * run one at the same time (each through its own `hvc` slot): the second
 * test does that on every CPU the shim's table lists.
 *
 * Suite "fuzz_hyp" does the same under the sample hypervisor, installed
 * on every CPU that fuzzes: there the answers are the hypervisor's
 * (HVC_SET_VECTORS refused, RESET_VECTORS a teardown, its own INIT and
 * bad PROTECT requests refused), and after every call its status call
 * must still answer on that CPU; a teardown must leave the stub's
 * vectors, and is followed by a fresh install.
 */
#include <hypstub/client.h>
#include <hypstub/hyp.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <hypstub/rt_smp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arch_fuzz.h"
#include "arch_test.h"
#include "harness.h"
#include "regs_check.h"

#include <arch/sysreg.h>

#define FUZZ_CALLS  100000u
#define SOME_CALL   0x1234ul
#define ALIVE_EVERY 4096u

/* One run: its CPU, its random state, what happened, and its first failure. */
struct fuzz_run {
	unsigned cpu;
	bool under_hyp;
	unsigned teardowns, hyp_own_calls, status_checks;
	uint64_t rng;
	unsigned calls, accepted, refused, nonzero_imm, sample_rounds, el2_rounds, vbar_checks;
	unsigned distinct_imm, sysregs_kept;
	uint8_t imm_seen[(ARCH_FUZZ_IMM_MAX + 1) / 8];
	unsigned failures;
	char failure[240];
};

static struct fuzz_run runs[HS_MAX_CPUS];

static void fuzz_fail(struct fuzz_run *run, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void fuzz_fail(struct fuzz_run *run, const char *fmt, ...)
{
	if (run->failures++ == 0) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(run->failure, sizeof(run->failure), fmt, ap);
		va_end(ap);
	}
}

static uint64_t fuzz_random(struct fuzz_run *run)
{
	return rt_random_next(&run->rng);
}

static unsigned long read_vbar_el2(unsigned long unused)
{
	(void)unused;
	return rt_el2_ctx_self()->entry_vbar_el2;
}

static unsigned long identity(unsigned long arg)
{
	return arg;
}

static void note_imm(struct fuzz_run *run, unsigned imm)
{
	if (!(run->imm_seen[imm / 8] & (1u << (imm % 8)))) {
		run->imm_seen[imm / 8] |= (uint8_t)(1u << (imm % 8));
		run->distinct_imm++;
	}
}

/* An immediate for this call: 0 half of the time, else any other 16-bit value. */
static unsigned pick_imm(struct fuzz_run *run)
{
	uint64_t r = fuzz_random(run);

	if (r & 1)
		return 0;
	return 1 + (unsigned)((r >> 1) % ARCH_FUZZ_IMM_MAX);
}

/*
 * Fill the registers for one call with immediate `imm` and return the x0
 * the stub must answer.
 */
static unsigned long pick_call(struct fuzz_run *run, unsigned imm, unsigned long in[])
{
	if (imm != 0) {
		/* Any call, even a valid one, with a non-zero immediate is refused. */
		switch (fuzz_random(run) % 4) {
		case 0: in[0] = HVC_SET_VECTORS, in[1] = (uintptr_t)rt_sample_vectors; break;
		case 1: in[0] = HVC_RESET_VECTORS; break;
		case 2: in[0] = HVC_SOFT_RESTART, in[1] = (uintptr_t)identity & ~3ul; break;
		default: break; /* random x0 */
		}
		return HVC_STUB_ERR;
	}
	return regs_pick_call(&run->rng, in);
}

static int sysregs_same(struct fuzz_run *run, const struct arch_sysregs *before)
{
	struct arch_sysregs now;

	arch_sysregs_read(&now);
	for (unsigned i = 0; i < before->n; i++)
		if (now.value[i] != before->value[i]) {
			fuzz_fail(run, "CPU%u, after call %u: %s changed 0x%llx -> 0x%llx",
				  run->cpu, run->calls, arch_sysreg_name(i),
				  (unsigned long long)before->value[i],
				  (unsigned long long)now.value[i]);
			return 0;
		}
	return 1;
}

/*
 * Under the sample hypervisor: now and then one of its own calls made
 * wrongly (INIT again, PROTECT of a misaligned range, of its own region,
 * outside RAM); otherwise the stub's call, answered as the hypervisor
 * answers it. *teardown says the call removes the hypervisor.
 */
static unsigned long pick_hyp_call(struct fuzz_run *run, unsigned imm, unsigned long in[],
				   bool *teardown)
{
	unsigned long want;
	uintptr_t region = hyp_sample_default_region();

	*teardown = false;
	if (imm == 0 && fuzz_random(run) % 8 == 0) {
		run->hyp_own_calls++;
		switch (fuzz_random(run) % 4) {
		case 0: in[0] = HYP_CALL_INIT, in[1] = hyp_stub_vectors(); break;
		case 1: in[0] = HYP_CALL_PROTECT, in[1] = (uintptr_t)&runs[run->cpu] | 1; break;
		case 2: in[0] = HYP_CALL_PROTECT, in[1] = region, in[2] = 4096; break;
		default:
			in[0] = HYP_CALL_PROTECT, in[1] = hyp_cpu_table()->ram_end, in[2] = 4096;
			break;
		}
		return HVC_STUB_ERR;
	}
	want = pick_call(run, imm, in);
	/* A random number that happens to be one of its calls: make it an unknown one. */
	if (in[0] >= HYP_CALL_BASE && in[0] <= HYP_CALL_STATUS)
		in[0] = HYP_CALL_STATUS + 1;
	if (imm != 0)
		return HVC_STUB_ERR;
	if (in[0] == HVC_SET_VECTORS) /* only the stub's */
		return HVC_STUB_ERR;
	*teardown = in[0] == HVC_RESET_VECTORS;
	return want;
}

/* After the hypervisor was taken down on this CPU: the stub's vectors are back; install again. */
static int hyp_back_on(struct fuzz_run *run)
{
	unsigned long vbar = rt_el2_call(read_vbar_el2, 0);
	int err;

	run->el2_rounds++;
	run->teardowns++;
	if (vbar != hyp_stub_vectors()) {
		fuzz_fail(run, "CPU%u, call %u: after the teardown VBAR_EL2 0x%lx, not the stub's",
			  run->cpu, run->calls, vbar);
		return 0;
	}
	err = hyp_sample_install(hyp_sample_default_region(), HYP_REGION_ALIGN);
	if (err) {
		fuzz_fail(run, "CPU%u, call %u: installing again: %d", run->cpu, run->calls, err);
		return 0;
	}
	return 1;
}

/* Under the hypervisor: it still answers on this CPU, or (after a teardown) is back on it. */
static int hyp_still_right(struct fuzz_run *run, bool teardown, unsigned imm)
{
	struct hyp_status st;

	if (teardown && !hyp_back_on(run))
		return 0;
	run->status_checks++;
	if (hyp_sample_status(&st) != 0 || st.version != HYP_VERSION) {
		fuzz_fail(run, "CPU%u, call %u (hvc #0x%x): the hypervisor no longer answers",
			  run->cpu, run->calls, imm);
		return 0;
	}
	return 1;
}

/* One random call through the rewritten `hvc`; 0 when it broke an invariant. */
static int one_call(struct fuzz_run *run, const struct arch_sysregs *before)
{
	unsigned long in[ARCH_TEST_MAX_REGS], out[ARCH_TEST_MAX_REGS + 1];
	unsigned nregs = arch_test_nregs;
	unsigned imm = pick_imm(run), call = run->calls, cpu = run->cpu;
	unsigned long want;
	bool teardown = false;

	for (unsigned r = 0; r < nregs; r++)
		in[r] = (unsigned long)fuzz_random(run);
	want = run->under_hyp ? pick_hyp_call(run, imm, in, &teardown) : pick_call(run, imm, in);
	if (arch_fuzz_set_imm(cpu, imm) != arch_fuzz_slot_word(cpu)) {
		fuzz_fail(run, "CPU%u, call %u: the slot does not hold hvc #0x%x", cpu, call, imm);
		return 0;
	}
	note_imm(run, imm);
	memset(out, 0, sizeof(out));
	arch_fuzz_hvc_regs(cpu, in, out);
	run->calls++;
	run->nonzero_imm += imm != 0;
	if (want == 0)
		run->accepted++;
	else
		run->refused++;
	if (out[0] != want) {
		fuzz_fail(run,
			  "CPU%u, call %u (hvc #0x%x, arguments 0x%llx, 0x%llx): 0x%llx, expected "
			  "0x%llx",
			  cpu, call, imm, (unsigned long long)in[0], (unsigned long long)in[1],
			  (unsigned long long)out[0], (unsigned long long)want);
		return 0;
	}
	for (unsigned r = 1; r < nregs; r++)
		if (out[r] != in[r]) {
			fuzz_fail(run,
				  "CPU%u, call %u (hvc #0x%x, call 0x%llx): %s 0x%llx -> 0x%llx",
				  cpu, call, imm, (unsigned long long)in[0], arch_test_reg_name(r),
				  (unsigned long long)in[r], (unsigned long long)out[r]);
			return 0;
		}
	if (out[nregs] != arch_test_sp_for_hvc()) {
		fuzz_fail(run, "CPU%u, call %u: SP 0x%lx, expected 0x%lx", cpu, call, out[nregs],
			  arch_test_sp_for_hvc());
		return 0;
	}
	if (!sysregs_same(run, before))
		return 0;
	if (run->under_hyp)
		return hyp_still_right(run, teardown, imm);
	/* VBAR_EL2/HVBAR: the stub's, whatever the call was. */
	{
		unsigned long vbar = rt_el2_call(read_vbar_el2, 0);

		run->vbar_checks++;
		run->el2_rounds++;
		if (vbar != hyp_stub_vectors()) {
			fuzz_fail(run,
				  "CPU%u, call %u (hvc #0x%x, %s=0x%llx): VBAR_EL2 0x%lx, expected "
				  "the stub's 0x%lx",
				  cpu, call, imm, arch_test_reg_name(0), (unsigned long long)in[0],
				  vbar, (unsigned long)hyp_stub_vectors());
			return 0;
		}
	}
	return 1;
}

/* A call that moves the vectors on purpose, then puts the stub back. */
static int sample_round(struct fuzz_run *run)
{
	if (hyp_set_vectors((uintptr_t)rt_sample_vectors) != 0 ||
	    rt_el2_call(read_vbar_el2, 0) != (uintptr_t)rt_sample_vectors ||
	    hyp_call(SOME_CALL, (unsigned long)fuzz_random(run), (unsigned long)fuzz_random(run),
		     (unsigned long)fuzz_random(run),
		     (unsigned long)fuzz_random(run)) != RT_SAMPLE_MAGIC ||
	    hyp_reset_vectors() != 0 || rt_el2_call(read_vbar_el2, 0) != hyp_stub_vectors()) {
		fuzz_fail(run, "CPU%u, call %u: the sample handler's round went wrong", run->cpu,
			  run->calls);
		return 0;
	}
	run->sample_rounds++;
	run->el2_rounds += 2;
	return 1;
}

/* Under the hypervisor: a removal by the client and a fresh install. */
static int hyp_round(struct fuzz_run *run)
{
	if (hyp_sample_remove() != 0) {
		fuzz_fail(run, "CPU%u, call %u: the client could not remove the hypervisor",
			  run->cpu, run->calls);
		return 0;
	}
	run->sample_rounds++;
	return hyp_back_on(run);
}

/*
 * FUZZ_CALLS random calls, mixed with SOFT_RESTART and vectors rounds, on
 * this CPU; under the sample hypervisor when `arg` is not NULL (it is
 * installed first, and removed at the end).
 */
// cppcheck-suppress constParameter ; the signature is rt_cpu_fn's
static void fuzz_cpu(unsigned cpu, void *arg)
{
	struct fuzz_run *run = &runs[cpu];
	struct arch_sysregs before;
	uint64_t last_count = sysreg_cntvct_el0_read();

	memset(run, 0, sizeof(*run));
	run->cpu = cpu;
	run->rng = 0xf0220007u + cpu;
	run->under_hyp = arg != NULL;
	if (run->under_hyp) {
		int err = hyp_sample_install(hyp_sample_default_region(), HYP_REGION_ALIGN);

		if (err) {
			fuzz_fail(run, "CPU%u: the sample hypervisor was not installed: %d", cpu,
				  err);
			return;
		}
	}
	arch_sysregs_randomize();
	arch_sysregs_read(&before);
	run->sysregs_kept = before.n;
	while (run->calls < FUZZ_CALLS) {
		/* Now and then, a SOFT_RESTART round trip or a vectors round. */
		switch (fuzz_random(run) % 64) {
		case 0:
			if (rt_el2_call(identity, run->calls) != run->calls) {
				fuzz_fail(run, "CPU%u, call %u: SOFT_RESTART round trip", cpu,
					  run->calls);
				return;
			}
			run->el2_rounds++;
			/* From under the hypervisor, SOFT_RESTART took it down: install again. */
			if (run->under_hyp && !hyp_back_on(run))
				return;
			continue;
		case 1:
			if (!(run->under_hyp ? hyp_round(run) : sample_round(run)))
				return;
			continue;
		default: break;
		}
		if (!one_call(run, &before))
			return;
		if (run->calls % ALIVE_EVERY == 0) {
			uint64_t now = sysreg_cntvct_el0_read();

			if (now <= last_count) {
				fuzz_fail(run, "CPU%u: the counter stood still", cpu);
				return;
			}
			last_count = now;
		}
	}
	sysregs_same(run, &before);
	/* Put the slot back to the ABI's own `hvc #0`, and the stub in charge. */
	arch_fuzz_set_imm(cpu, 0);
	if (run->under_hyp && hyp_sample_remove() != 0)
		fuzz_fail(run, "CPU%u: the sample hypervisor could not be removed", cpu);
}

/* The run's verdict: its failure, or a mix that reached every outcome. */
static void judge(const struct fuzz_run *run)
{
	if (run->failures) {
		test_fail(__FILE__, __LINE__, "%s", run->failure);
		return;
	}
	EXPECT_EQ(run->calls, FUZZ_CALLS);
	/* Under the hypervisor SET_VECTORS is refused too: fewer calls succeed. */
	EXPECT_TRUE(run->accepted > FUZZ_CALLS / (run->under_hyp ? 32 : 16));
	EXPECT_TRUE(run->nonzero_imm > FUZZ_CALLS / 4);
	EXPECT_TRUE(run->sample_rounds > 100);
	EXPECT_TRUE(run->distinct_imm > 20000);
	if (run->under_hyp) {
		EXPECT_EQ(run->status_checks, FUZZ_CALLS);
		EXPECT_TRUE(run->teardowns > 1000);
		EXPECT_TRUE(run->hyp_own_calls > FUZZ_CALLS / 32);
	}
}

static void report(const struct fuzz_run *run)
{
	printf("    %u calls: %u accepted, %u refused (%u with a non-zero immediate, %u distinct "
	       "immediates); %u vectors rounds, %u EL2 round trips, %u VBAR checks, %u EL1 "
	       "system registers kept\n",
	       run->calls, run->accepted, run->refused, run->nonzero_imm, run->distinct_imm,
	       run->sample_rounds, run->el2_rounds, run->vbar_checks, run->sysregs_kept);
	if (run->under_hyp)
		printf("    under the sample hypervisor: %u of its own calls made wrongly, %u "
		       "teardowns (each followed by a fresh install), %u status checks\n",
		       run->hyp_own_calls, run->teardowns, run->status_checks);
}

/*
 * The fuzz on this CPU alone; under the sample hypervisor when `hyp` is
 * not NULL. On a machine with more CPUs the every-CPU test makes the same
 * calls on this CPU, and more: this one skips, to keep the boot short.
 */
static void fuzz_one_cpu(void *hyp)
{
	if (rt_smp_ncpus() > 1) {
		test_skip("the every-CPU test covers this CPU");
		return;
	}
	rt_sample_stub_vectors = hyp_stub_vectors();
	fuzz_cpu(rt_smp_self(), hyp);
	judge(&runs[rt_smp_self()]);
	report(&runs[rt_smp_self()]);
}

/* The fuzz on every CPU at once, each through its own `hvc` slot. */
static void fuzz_every_cpu(void *hyp)
{
	unsigned n = rt_smp_ncpus(), self = rt_smp_self(), total = 0;

	if (n < 2) {
		test_skip("one CPU");
		return;
	}
	rt_sample_stub_vectors = hyp_stub_vectors();
	for (unsigned i = 0; i < n; i++) {
		if (i == self)
			continue;
		if (!rt_smp_running(i) && rt_smp_start(i) != 0) {
			test_fail(__FILE__, __LINE__, "CPU%u did not start", i);
			return;
		}
	}
	/* The first install loads the image: on this CPU, before the others install. */
	if (hyp && hyp_sample_install(hyp_sample_default_region(), HYP_REGION_ALIGN) != 0) {
		test_fail(__FILE__, __LINE__, "the sample hypervisor was not loaded");
		return;
	}
	if (hyp && hyp_sample_remove() != 0) {
		test_fail(__FILE__, __LINE__, "the sample hypervisor was not removed");
		return;
	}
	for (unsigned i = 0; i < n; i++)
		if (i != self)
			rt_smp_post(i, fuzz_cpu, hyp);
	fuzz_cpu(self, hyp);
	for (unsigned i = 0; i < n; i++) {
		if (i != self && rt_smp_wait(i)) {
			test_fail(__FILE__, __LINE__, "CPU%u did not finish", i);
			continue;
		}
		judge(&runs[i]);
		total += runs[i].calls;
	}
	printf("    %u CPUs at once%s: %u calls each through its own rewritten hvc (%u in all), "
	       "each checked for its answer, registers, EL1 system registers and %s\n",
	       n, hyp ? ", under the sample hypervisor" : "", FUZZ_CALLS, total,
	       hyp ? "the hypervisor still answering" : "VBAR");
}

/* Any non-NULL argument: the runs are under the sample hypervisor. */
static char under_hyp_flag;

TEST_HYP(fuzz, random_hvc_100000_calls)
{
	fuzz_one_cpu(NULL);
}

TEST_HYP(fuzz, every_cpu_100000_calls_at_once)
{
	fuzz_every_cpu(NULL);
}

TEST_HYP(fuzz_hyp, random_hvc_100000_calls)
{
	fuzz_one_cpu(&under_hyp_flag);
}

TEST_HYP(fuzz_hyp, every_cpu_100000_calls_at_once)
{
	fuzz_every_cpu(&under_hyp_flag);
}
