// SPDX-License-Identifier: MIT
/*
 * The benchmark payload: counts the instructions each stub call, a
 * reference floor for it, SOFT_RESTART and the boot cost, and prints
 * them as "BENCH <name> <value>" lines for scripts/bench.py. Before any
 * figure it proves the counters: a known loop at EL1 and at EL2 must
 * read exactly its length, and each floor handler its instruction count.
 * Any surprise ends the run with exit code 1.
 */
#include <hypstub/bootinfo.h>
#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define UNKNOWN_CALL 7ul /* no such call */
#define LOOP_N	     1000
#define STACK_PAINT  0x5a5aa5a55a5aa5a5ull

static int failures;
static struct bench_stats overhead;

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static uint32_t median(uint32_t *v, unsigned n, uint32_t *spread)
{
	qsort(v, n, sizeof(*v), cmp_u32);
	if (v[n - 1] - v[0] > *spread)
		*spread = v[n - 1] - v[0];
	return v[n / 2];
}

/* Run `w` `reps` times (at most REPS), `prepare` (unmeasured) before each; medians. */
void bench_measure_reps(window_fn w, const struct bench_args *a, void (*prepare)(void),
			struct bench_stats *st, unsigned reps)
{
	static uint32_t el2[REPS], el1[REPS], all[REPS], cyc[REPS];
	struct bench_sample s;
	unsigned i;

	memset(st, 0, sizeof(*st));
	if (reps > REPS)
		reps = REPS;
	for (i = 0; i < reps; i++) {
		if (prepare)
			prepare();
		w(a, &s);
		el2[i] = s.el2;
		el1[i] = s.el1;
		all[i] = s.all;
		cyc[i] = s.cyc;
		if (i == 0)
			st->ret = s.ret;
		else if (s.ret != st->ret)
			st->spread = UINT32_MAX; /* the answer changed: never expected */
	}
	st->el2 = median(el2, reps, &st->spread);
	st->el1 = median(el1, reps, &st->spread);
	st->all = median(all, reps, &st->spread);
	st->cyc = median(cyc, reps, &st->spread);
}

void bench_measure(window_fn w, const struct bench_args *a, void (*prepare)(void),
		   struct bench_stats *st)
{
	bench_measure_reps(w, a, prepare, st, REPS);
}

const struct bench_stats *bench_overhead(void)
{
	return &overhead;
}

/* The same, with the empty window's overhead subtracted. */
void bench_measure_net(window_fn w, const struct bench_args *a, void (*prepare)(void),
		       struct bench_stats *st)
{
	bench_measure(w, a, prepare, st);
	st->el2 -= overhead.el2;
	st->el1 -= overhead.el1;
	st->all -= overhead.all;
	st->cyc -= overhead.cyc;
}

void bench_check(const char *what, unsigned long got, unsigned long want)
{
	int ok = got == want;

	printf("BENCHCHECK %s %s got=%lu want=%lu\n", ok ? "ok" : "FAIL", what, got, want);
	if (!ok)
		failures++;
}

void bench_figure(const char *name, long value)
{
	printf("BENCH %s %ld\n", name, value);
}

/* A measured call: its answer, its spread, its EL1 part, its totals. */
void report_call(const char *name, const struct bench_stats *st, unsigned long want_ret,
		 unsigned want_el1)
{
	char what[64];

	snprintf(what, sizeof(what), "%s.answer", name);
	bench_check(what, st->ret, want_ret);
	snprintf(what, sizeof(what), "%s.spread", name);
	bench_check(what, st->spread, 0);
	snprintf(what, sizeof(what), "%s.el1", name);
	bench_check(what, st->el1, want_el1);
	snprintf(what, sizeof(what), "%s.cycles==instructions", name);
	bench_check(what, st->cyc, st->all);
	snprintf(what, sizeof(what), "%s.el2", name);
	bench_figure(what, st->el2);
	snprintf(what, sizeof(what), "%s.total", name);
	bench_figure(what, st->all);
}

/* Unmeasured preparations. */
static void install_floor_set(void)
{
	hyp_set_vectors((uintptr_t)bench_floor_set);
}
static void install_floor_err(void)
{
	hyp_set_vectors((uintptr_t)bench_floor_err);
}
static void install_floor_bad(void)
{
	hyp_set_vectors((uintptr_t)bench_floor_bad);
}
static void install_floor_reset(void)
{
	hyp_set_vectors((uintptr_t)bench_floor_reset);
}
static void install_floor_restart(void)
{
	hyp_set_vectors((uintptr_t)bench_floor_restart);
}
static void leave_floor(void)
{
	/* The err and bad floors serve a valid SET_VECTORS: back to the stub. */
	bench_check("floor.leave", hyp_set_vectors(bench_stub_vectors), 0);
}

static void validate_counters(void)
{
	struct bench_args a = {.fn = (void *)bench_el1_loop};
	struct bench_stats st;
	unsigned long el2;

	/* EL1: blr + LOOP_N x (subs, b.ne) + ret, nothing at EL2. */
	a.x[0] = LOOP_N;
	bench_measure_net(bench_sample_call, &a, NULL, &st);
	bench_check("counter.el1_loop.el1", st.el1, 2 * LOOP_N + 2);
	bench_check("counter.el1_loop.all", st.all, 2 * LOOP_N + 2);
	bench_check("counter.el1_loop.el2", st.el2, 0);
	bench_check("counter.el1_loop.cycles", st.cyc, 2 * LOOP_N + 2);
	bench_check("counter.el1_loop.spread", st.spread, 0);
	a.x[0] = 1;
	bench_measure_net(bench_sample_call, &a, NULL, &st);
	bench_check("counter.el1_loop1.el1", st.el1, 4);
	/* EL2: LOOP_N x (subs, b.ne) between the reads, and the arch's few
	 * reading instructions (bench_arch.h); none at EL1. */
	el2 = rt_el2_call(bench_el2_loop, LOOP_N);
	bench_check("counter.el2_loop.el2", el2, 2 * LOOP_N + BENCH_EL2_LOOP_EXTRA);
	bench_check("counter.el2_loop.el1", bench_el2_loop_el1, 0);
}

/* The floors: their counts are known; the counters must reproduce them. */
static void floors(unsigned *self)
{
	struct bench_args a = {0};
	struct bench_stats st;

	a.x[0] = HVC_SET_VECTORS;
	a.x[1] = bench_stub_vectors;
	bench_measure_net(bench_sample_hvc, &a, install_floor_set, &st);
	report_call("floor.set", &st, 0, 1);
	bench_check("floor.set.el2==known", st.el2, BENCH_FLOOR_SET_INSNS);
	bench_check("floor.set.total==hvc+el2", st.all, 1 + st.el2);

	a.x[0] = UNKNOWN_CALL;
	install_floor_err();
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	leave_floor();
	report_call("floor.err", &st, HVC_STUB_ERR, 1);
	bench_check("floor.err.el2==known", st.el2, BENCH_FLOOR_ERR_INSNS);

	a.x[0] = HVC_SET_VECTORS;
	a.x[1] = bench_stub_vectors + BENCH_MISALIGN;
	install_floor_bad();
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	leave_floor();
	report_call("floor.bad", &st, HVC_STUB_ERR, 1);
	bench_check("floor.bad.el2==known", st.el2, BENCH_FLOOR_BAD_INSNS);

	a.x[0] = HVC_RESET_VECTORS;
	a.x[1] = 0;
	bench_measure_net(bench_sample_hvc, &a, install_floor_reset, &st);
	report_call("floor.reset", &st, 0, 1);
	bench_check("floor.reset.el2==known", st.el2, BENCH_FLOOR_RESET_INSNS);

	/* SOFT_RESTART: the landing pad's first read at EL2 counts itself
	 * or not; the floor's known length tells which. */
	a.x[0] = HVC_SOFT_RESTART;
	bench_measure(bench_sample_restart, &a, install_floor_restart, &st);
	bench_check("floor.restart.answer", st.ret, 0);
	bench_check("floor.restart.spread", st.spread, 0);
	*self = st.el2 - BENCH_FLOOR_RESTART_INSNS;
	bench_check("counter.read_counts_itself<=1", *self <= 1, 1);
	printf("BENCHINFO read_counts_itself %u\n", *self);
	bench_figure("floor.restart.el2", st.el2 - *self);
}

static void stub_calls(void)
{
	struct bench_args a = {0};
	struct bench_stats st;

	a.x[0] = HVC_SET_VECTORS;
	a.x[1] = bench_stub_vectors; /* valid; the stub stays in place */
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	report_call("stub.set", &st, 0, 1);

	a.x[0] = HVC_RESET_VECTORS;
	a.x[1] = 0;
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	report_call("stub.reset", &st, 0, 1);

	a.x[0] = UNKNOWN_CALL;
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	report_call("stub.err", &st, HVC_STUB_ERR, 1);

	a.x[0] = HVC_SET_VECTORS;
	a.x[1] = bench_stub_vectors + BENCH_MISALIGN;
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	report_call("stub.bad", &st, HVC_STUB_ERR, 1);
	bench_check("stub.still_installed", hyp_call(UNKNOWN_CALL, 0, 0, 0, 0), HVC_STUB_ERR);
}

/* The client library, as a kernel calls it: from the `bl` to the return. */
static void client_calls(void)
{
	const struct {
		const char *name;
		void *fn;
		unsigned long x0, x1, ret;
	} calls[] = {
	    {"client.set", (void *)hyp_set_vectors, bench_stub_vectors, 0, 0},
	    {"client.reset", (void *)hyp_reset_vectors, 0, 0, 0},
	    {"client.err", (void *)hyp_call, UNKNOWN_CALL, 0, HVC_STUB_ERR},
	    {"client.bad", (void *)hyp_set_vectors, bench_stub_vectors + BENCH_MISALIGN, 0,
	     HVC_STUB_ERR},
	};
	struct bench_args a = {0};
	struct bench_stats st;
	char what[64];
	unsigned i;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		a.fn = calls[i].fn;
		a.x[0] = calls[i].x0;
		a.x[1] = calls[i].x1;
		bench_measure_net(bench_sample_call, &a, NULL, &st);
		snprintf(what, sizeof(what), "%s.answer", calls[i].name);
		bench_check(what, st.ret, calls[i].ret);
		snprintf(what, sizeof(what), "%s.spread", calls[i].name);
		bench_check(what, st.spread, 0);
		bench_figure(calls[i].name, st.all);
		snprintf(what, sizeof(what), "%s.el2", calls[i].name);
		bench_figure(what, st.el2);
	}
}

static void soft_restart(unsigned self)
{
	struct bench_args a = {0};
	struct bench_stats st;

	a.x[0] = HVC_SOFT_RESTART;
	bench_measure(bench_sample_restart, &a, NULL, &st);
	bench_check("stub.restart.answer", st.ret, 0);
	bench_check("stub.restart.spread", st.spread, 0);
	bench_check("stub.restart.vectors_kept", hyp_call(UNKNOWN_CALL, 0, 0, 0, 0), HVC_STUB_ERR);
	bench_figure("stub.restart.el2", st.el2 - self);
}

static unsigned long nothing_at_el2(unsigned long arg)
{
	return arg;
}

/*
 * The EL2 stack the stub's calls use: paint this CPU's own stack (below
 * the stub's idle SP_EL2, which the SOFT_RESTART trampoline records) and
 * as much again below it (another CPU's, or the slow-path stack: dead,
 * the other CPUs are off), make every call once, and find the deepest
 * word that changed: a call path that outgrew HS_EL2_STACK_SIZE shows.
 */
static void stub_stack(void)
{
	struct bench_args a = {0};
	struct bench_sample s;
	uint64_t *lo, *hi, *p;

	rt_el2_call(nothing_at_el2, 0);
	hi = (uint64_t *)(uintptr_t)rt_el2_ctx_self()->el2_sp;
	lo = hi - 2 * HS_EL2_STACK_SIZE / sizeof(*hi);
	for (p = lo; p < hi; p++)
		*p = STACK_PAINT;
	a.x[0] = HVC_SET_VECTORS;
	a.x[1] = bench_stub_vectors;
	bench_sample_hvc(&a, &s);
	a.x[1] += BENCH_MISALIGN;
	bench_sample_hvc(&a, &s);
	a.x[0] = HVC_RESET_VECTORS;
	bench_sample_hvc(&a, &s);
	a.x[0] = UNKNOWN_CALL;
	bench_sample_hvc(&a, &s);
	a.x[0] = HVC_SOFT_RESTART;
	bench_sample_restart(&a, &s);
	for (p = lo; p < hi && *p == STACK_PAINT; p++)
		;
	bench_figure("stub.stack_used", (long)((uintptr_t)hi - (uintptr_t)p));
}

int main(const void *dtb)
{
	struct bench_counters c;
	unsigned self = 0;
	long boot = bench_boot_instructions();
	struct bench_args none = {0};

	printf("BENCHINFO arch %s\n", BENCH_ARCH_NAME);
	if (!hyp_available()) {
		printf("BENCHCHECK FAIL hyp_available: no stub (entered at EL1?)\n");
		return 1;
	}
	bench_stub_vectors = hyp_stub_vectors();
	bench_stub_vectors_copy = bench_stub_vectors;
	if (bench_counters_init(&c)) {
		printf("BENCHCHECK FAIL counters: PMU version %u, %u counters, INST_RETIRED %s "
		       "(QEMU has it only with -icount shift=N)\n",
		       c.pmu_version, c.counters, c.inst_retired ? "yes" : "no");
		return 1;
	}
	printf("BENCHINFO pmu_version %u\nBENCHINFO pmu_counters %u\n", c.pmu_version, c.counters);
	printf("BENCHINFO el2_counting_reallowed %d\n", c.el2_prohibit_cleared);

	bench_measure(bench_sample_empty, &none, NULL, &overhead);
	bench_check("overhead.spread", overhead.spread, 0);
	bench_check("overhead.el2", overhead.el2, 0);
	bench_figure("overhead.el1", overhead.el1);
	bench_figure("overhead.all", overhead.all);

	validate_counters();
	if (bench_kexec_requested(dtb)) {
		/* A run of its own (scripts/bench.py): the kexec loader only. */
		bench_kexec(dtb);
		printf("BENCHEND failures=%d\n", failures);
		return failures != 0;
	}
	floors(&self);
	stub_calls();
	client_calls();
	soft_restart(self);
	stub_stack();
	bench_hyp(self);
	if (boot < 0) {
		bench_check("boot.counter_frequency", 0, 1);
	} else {
		/* The timer-derived instruction number must move exactly as
		 * the PMU does, across a known loop. */
		long before = bench_clock_offset();

		bench_el1_loop(100000);
		bench_check("boot.timer_tracks_pmu", bench_clock_offset() - before, 0);
		bench_arch_checks(bench_check);
		bench_figure("boot.shim", boot - self);
	}
	bench_smp(dtb);
	printf("BENCHEND failures=%d\n", failures);
	return failures != 0;
}
