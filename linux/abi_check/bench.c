// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * abi_check bench=1: what `make bench` counts of Linux's own stub, by the
 * method of hypstub's benchmark (bench/, scripts/bench.py): QEMU runs with
 * -icount shift=0, and a PMU event counter counts INST_RETIRED at EL2
 * only (PMEVTYPER filters: P and U set, NSH set), read at EL1 right before
 * the `hvc` and right after it, or, for SOFT_RESTART, by the first
 * instruction of the next code (the blob's pad, at EL2).
 *
 * The counter is the PMU's last one, taken for the measurement with
 * interrupts masked and given back as it was (PMCR_EL0, its type, its
 * enable bit, PMSELR_EL0): perf is not involved, nothing else counts
 * meanwhile. Before any figure the counter proves itself on the blob's
 * table, whose paths have known lengths (ABI_TABLE_*_INSNS); the figures
 * are medians of REPS runs whose spread must be 0.
 *
 * Lines: LINUXBENCH <name> <value>, LINUXBENCHCHECK <ok|FAIL> <what> got= want=.
 */
#include <asm/sysreg.h>
#include <linux/kernel.h>
#include <linux/sort.h>

#include "abi_checks.h"
#include "bench.h"

#define REPS	     101
#define UNKNOWN_CALL 7ul /* bench/main.c's: no such call */
#define INST_RETIRED 0x08
#define EVT_P	     BIT(31) /* not at EL1 */
#define EVT_U	     BIT(30) /* not at EL0 */
#define EVT_NSH	     BIT(27) /* at EL2 */
#define PMCR_E	     BIT(0)
#define PMCR_N(pmcr) (((pmcr) >> 11) & 0x1f)

struct pmu_saved {
	u64 pmcr, pmselr, type;
	u32 enabled;
};

static unsigned int failures;

static void check(const char *what, unsigned long got, unsigned long want)
{
	pr_info("LINUXBENCHCHECK %s %s got=%lu want=%lu\n", got == want ? "ok" : "FAIL", what, got,
		want);
	failures += got != want;
}

static u32 counter(void)
{
	return read_sysreg(pmxevcntr_el0);
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/* The median of v[REPS]; its spread (max - min) in *spread. */
static u32 median(u32 *v, u32 *spread)
{
	sort(v, REPS, sizeof(*v), cmp_u32, NULL);
	*spread = v[REPS - 1] - v[0];
	return v[REPS / 2];
}

/* Take the last event counter: INST_RETIRED at EL2 only. */
static int pmu_take(struct pmu_saved *s, unsigned int *idx)
{
	u64 pmcr = read_sysreg(pmcr_el0);

	if (!PMCR_N(pmcr))
		return -ENODEV;
	*idx = PMCR_N(pmcr) - 1;
	s->pmcr = pmcr;
	s->pmselr = read_sysreg(pmselr_el0);
	s->enabled = read_sysreg(pmcntenset_el0) & BIT(*idx);
	write_sysreg(*idx, pmselr_el0);
	isb();
	s->type = read_sysreg(pmxevtyper_el0);
	/* Count retired instructions at EL2 alone: not EL1 (P), not EL0 (U), EL2 (NSH). */
	write_sysreg(EVT_P | EVT_U | EVT_NSH | INST_RETIRED, pmxevtyper_el0);
	write_sysreg(BIT(*idx), pmcntenset_el0);
	/* PMCR_EL0.E: the counters count (the rest of PMCR as it was). */
	write_sysreg(pmcr | PMCR_E, pmcr_el0);
	isb();
	return 0;
}

static void pmu_give_back(const struct pmu_saved *s, unsigned int idx)
{
	write_sysreg(idx, pmselr_el0);
	isb();
	write_sysreg(s->type, pmxevtyper_el0);
	if (!s->enabled)
		write_sysreg(BIT(idx), pmcntenclr_el0);
	write_sysreg(s->pmselr, pmselr_el0);
	write_sysreg(s->pmcr, pmcr_el0);
	isb();
}

/* One repetition's answer and EL2 instructions. */
struct rep {
	unsigned long ret;
	u32 insns;
};

/* `fn` REPS times, until an answer is not `want`: the median, answer and spread checked. */
static u32 measure(const char *name, unsigned long want, void (*fn)(void *, struct rep *),
		   void *ctx)
{
	static u32 v[REPS];
	struct rep one = { 0 };
	char what[64];
	u32 spread, med;
	int i;

	for (i = 0; i < REPS; i++) {
		fn(ctx, &one);
		v[i] = one.insns;
		if (one.ret != want)
			break;
	}
	snprintf(what, sizeof(what), "%s.answer", name);
	check(what, one.ret, want);
	med = median(v, &spread);
	snprintf(what, sizeof(what), "%s.spread", name);
	check(what, spread, 0);
	return med;
}

/* EL2 instructions of `hvc #0` with x0, x1 (ctx: the two). */
static void rep_call(void *ctx, struct rep *out)
{
	unsigned long *x = ctx;
	u32 before = counter();

	out->ret = abi_hvc(x[0], x[1]);
	out->insns = counter() - before;
}

static u32 measure_call(const char *name, unsigned long x0, unsigned long x1, unsigned long want)
{
	unsigned long x[2] = { x0, x1 };

	return measure(name, want, rep_call, x);
}

/* EL2 instructions from `hvc` (SOFT_RESTART to the pad) to the pad's first read, included. */
static void rep_restart(void *ctx, struct rep *out)
{
	struct abi_run *r = ctx;
	u64 *pad = (u64 *)((char *)r->blob_va + ABI_BLOB_DATA + ABI_DATA_PAD);
	unsigned long sent[31] = { 0 };
	u32 before;

	abi_dcache_clean_inval(pad, sizeof(*pad));
	before = counter();
	out->ret = abi_restart(r->blob_pa + ABI_BLOB_PAD, 0, 0, 0, sent);
	abi_dcache_clean_inval(pad, sizeof(*pad));
	out->insns = (u32)*pad - before;
}

static u32 measure_restart(const char *name, struct abi_run *r)
{
	return measure(name, ABI_LANDED, rep_restart, r);
}

static void figure(const char *name, long value)
{
	pr_info("LINUXBENCH %s %ld\n", name, value);
}

/*
 * abi_check count=1: the same counter (INST_RETIRED at EL2 only), set up
 * if it is not yet, and left counting; its value as a console line. Reads
 * around another module's insmod or rmmod (the sample hypervisor's) count
 * what that module made EL2 run, the reads themselves running at EL1.
 */
void abi_bench_count(void)
{
	u64 pmcr = read_sysreg(pmcr_el0);
	u64 want = EVT_P | EVT_U | EVT_NSH | INST_RETIRED;
	unsigned int idx;

	if (!PMCR_N(pmcr)) {
		pr_info("LINUXBENCHCOUNT none (no event counter)\n");
		return;
	}
	idx = PMCR_N(pmcr) - 1;
	write_sysreg(idx, pmselr_el0);
	isb();
	if (read_sysreg(pmxevtyper_el0) != want || !(read_sysreg(pmcntenset_el0) & BIT(idx)) ||
	    !(pmcr & PMCR_E)) {
		/* Count retired instructions at EL2 alone, from 0. */
		write_sysreg(want, pmxevtyper_el0);
		write_sysreg(0, pmxevcntr_el0);
		write_sysreg(BIT(idx), pmcntenset_el0);
		/* PMCR_EL0.E: the counters count (the rest of PMCR as it was). */
		write_sysreg(pmcr | PMCR_E, pmcr_el0);
		isb();
	}
	pr_info("LINUXBENCHCOUNT %u\n", counter());
}

/* The whole run, on this CPU, interrupts masked (abi_bench_run's caller). */
void abi_bench_run(struct abi_run *r)
{
	struct pmu_saved saved;
	unsigned int idx;
	unsigned long stub;
	u32 n, self;

	failures = 0;
	if (pmu_take(&saved, &idx)) {
		check("pmu.event_counters", 0, 1);
		goto out;
	}
	/* Where Linux's stub is: the landing reads VBAR_EL2 (abi_run_all's first step). */
	stub = abi_find_stub(r);
	check("stub.found", stub != ~0ul, 1);
	if (stub == ~0ul)
		goto give_back;

	/* The counter proves itself on the blob's table, whose paths are known. */
	check("floor.install", abi_hvc(ABI_SET_VECTORS, r->blob_pa), 0);
	n = measure_call("floor.vbar", ABI_CALL_VBAR, 0, r->blob_pa);
	check("floor.vbar.el2==known", n, ABI_TABLE_VBAR_INSNS);
	n = measure_restart("floor.restart", r);
	self = n - ABI_TABLE_RESTART_INSNS;
	check("counter.read_counts_itself<=1", self <= 1, 1);
	pr_info("LINUXBENCHINFO read_counts_itself %u\n", self);
	check("floor.leave", abi_hvc(ABI_CALL_RESTORE, 0), 0);

	figure("linux.set.el2", measure_call("linux.set", ABI_SET_VECTORS, stub, 0));
	figure("linux.reset.el2", measure_call("linux.reset", ABI_RESET_VECTORS, 0, 0));
	figure("linux.err.el2", measure_call("linux.err", UNKNOWN_CALL, 0, ABI_STUB_ERR));
	figure("linux.restart.el2", measure_restart("linux.restart", r) - self);
	check("linux.still_installed", abi_hvc(UNKNOWN_CALL, 0), ABI_STUB_ERR);
give_back:
	pmu_give_back(&saved, idx);
out:
	pr_info("LINUXBENCHEND failures=%u\n", failures);
}
