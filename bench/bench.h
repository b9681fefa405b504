/* SPDX-License-Identifier: MIT */
/*
 * The benchmark payload's interface to its architecture layer
 * (bench/<arch>/). Everything here counts guest instructions: QEMU's
 * -icount shift=0 makes the count deterministic and the PMU's
 * "instructions retired" event exact. Never wall-clock time.
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdint.h>

#include <bench_arch.h>

/*
 * One measured window: the counters are read, the middle runs (nothing,
 * a `hvc`, a call, a SOFT_RESTART), the counters are read again.
 * Deltas are in instructions retired; `all` counts EL1 and EL2, and
 * `cyc` is the cycle counter, which under -icount shift=0 also counts
 * one per instruction (a cross-check).
 */
struct bench_sample {
	uint64_t ret; /* the first result register after the middle */
	uint32_t el2, el1, all, cyc;
};

/* The middle's inputs: argument registers, and the function to call. */
struct bench_args {
	unsigned long x[5];
	void *fn;
};

/* Repetitions of every window: the median is reported. */
#define REPS 101

/* A window's medians over REPS runs. */
struct bench_stats {
	uint64_t ret;		     /* the first run's answer */
	uint32_t el2, el1, all, cyc; /* medians */
	uint32_t spread; /* largest max - min of the four; UINT32_MAX if the answer changed */
};

typedef void (*window_fn)(const struct bench_args *, struct bench_sample *);

/* What the counter set-up found. */
struct bench_counters {
	unsigned pmu_version;	  /* the ID register's PMU version field */
	unsigned counters;	  /* event counters implemented */
	int inst_retired;	  /* the instructions-retired event exists */
	int el2_prohibit_cleared; /* counting at EL2 had to be re-allowed */
};

/*
 * Program the counters: 0 = instructions at EL2, 1 = at EL1,
 * 2 = at EL1 and EL2, and the cycle counter at EL1 and EL2. Returns 0,
 * or -1 when the PMU cannot count instructions (then `c` says why).
 */
int bench_counters_init(struct bench_counters *c);

/* The windows (bench/<arch>/measure.S). */
void bench_sample_empty(const struct bench_args *a, struct bench_sample *s);
void bench_sample_hvc(const struct bench_args *a, struct bench_sample *s);
void bench_sample_call(const struct bench_args *a, struct bench_sample *s);
/*
 * HVC_SOFT_RESTART to a landing pad at EL2 whose first instruction reads
 * the counters; it then returns to EL1 and the caller. The deltas run
 * from the last read at EL1 to that first instruction (included).
 * a->x[1] is ignored (the pad is the entry); ret is the stub's answer,
 * 0 when the restart happened.
 */
void bench_sample_restart(const struct bench_args *a, struct bench_sample *s);

/* At EL2 (through rt_el2_call): a 2n-instruction loop between two reads
 * of counters 0 and 1; returns the EL2 delta, stores the EL1 delta. */
unsigned long bench_el2_loop(unsigned long n);
extern uint32_t bench_el2_loop_el1;
/* At EL1: a loop of exactly 2n instructions, then return. */
void bench_el1_loop(unsigned long n);
/* At EL1: returns at once. */
void bench_nothing(void);

/* The floor handlers: one EL2 vector table per call (floor.S). */
extern char bench_floor_set[], bench_floor_err[], bench_floor_bad[], bench_floor_reset[],
    bench_floor_restart[];
/* The stub's vectors, for the floors to forward to and reset to. */
extern uint64_t bench_stub_vectors;
/* The same, where the reset floor loads it from (next to its code). */
extern uint64_t bench_stub_vectors_copy;

/* Instructions executed from reset to the payload's first instruction,
 * or -1 when the entry could not tell. */
long bench_boot_instructions(void);
/* The instruction number since reset, read off the timer, minus the
 * EL1+EL2 instruction counter: constant if both count exactly. */
long bench_clock_offset(void);

/* main.c: run `w` REPS times, `prepare` (unmeasured) before each, and take
 * the medians; _net subtracts the empty window's. */
void bench_measure(window_fn w, const struct bench_args *a, void (*prepare)(void),
		   struct bench_stats *st);
void bench_measure_net(window_fn w, const struct bench_args *a, void (*prepare)(void),
		       struct bench_stats *st);
/* The same, `reps` times (at most REPS); and the empty window's medians. */
void bench_measure_reps(window_fn w, const struct bench_args *a, void (*prepare)(void),
			struct bench_stats *st, unsigned reps);
const struct bench_stats *bench_overhead(void);
/* main.c: a "BENCHCHECK" line (a failure unless got == want), a "BENCH" figure. */
void bench_check(const char *what, unsigned long got, unsigned long want);
void bench_figure(const char *name, long value);
/* main.c: a call's checks (answer, spread, `hvc`s at EL1, cycles) and its EL2 and total figures. */
void report_call(const char *name, const struct bench_stats *st, unsigned long want_ret,
		 unsigned want_el1);

/* hyp.c: the sample hypervisor's calls, install, teardown, SOFT_RESTART from under it. */
void bench_hyp(unsigned self);

/*
 * smp.c: the other CPUs, when the machine has any: bring-up through
 * hypstub's CPU entry, against a floor that enters the payload directly.
 */
void bench_smp(const void *dtb);
/* <arch>/cpu.S: PSCI through `smc` (fid, a1..a3; the answer), a `bl`
 * target of BENCH_PSCI_CALL_INSNS instructions with its return; and a
 * CPU's entry that calls PSCI CPU_OFF at once, in BENCH_CPU_OFF_INSNS. */
unsigned long bench_psci_smc(unsigned long fid, unsigned long a1, unsigned long a2,
			     unsigned long a3);
void bench_cpu_off(void);

/*
 * kexec.c: the kexec loader's instructions from its start to its `hvc`,
 * for several image sizes, when the command line says `bench=kexec` (a
 * run of its own: the loader overwrites RAM outside the payload).
 */
int bench_kexec_requested(const void *dtb);
void bench_kexec(const void *dtb);

/* Checks of the arch layer's own (reported through `check`); may be none. */
void bench_arch_checks(void (*check)(const char *what, unsigned long got, unsigned long want));

#endif
