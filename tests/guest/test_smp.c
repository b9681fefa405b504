// SPDX-License-Identifier: MIT
/*
 * Suite "smp": every CPU came up through hypstub, each has its own stub
 * that acts on it alone, all of them call at once without a call lost or
 * answered on the wrong CPU, a secondary soft-restarts while the others
 * keep calling, and a CPU survives 100 power cycles with a fresh stub
 * each time; a CPU sent to hypstub's parking place (HS_CALL_PARK) waits
 * there and is released through its slot, at EL2 once a soft restart
 * happened. The steps run in the order of their names.
 *
 * Which CPU answered is told by the sample handler's RT_SAMPLE_WHOAMI
 * call: installed on one CPU, it answers with that CPU's MPIDR, while the
 * stub refuses the number.
 */
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <hypstub/client.h>
#include <hypstub/psci.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <hypstub/rt_smp.h>
#include <libfdt.h>
#include <stddef.h>
#include <string.h>

#include "arch_test.h"
#include "harness.h"
#include "regs_check.h"

#define SMP_CALLS      10000u
#define WHOAMI_EVERY   250u /* calls between two install/ask/reset rounds */
#define HOTPLUG_CYCLES 100u
#define SOFT_RESTARTS  50u
#define AFFINITY_MASK  0xfffffful /* what RT_SAMPLE_WHOAMI answers */
#define ALL_CPUS       (~0u)

/* What a CPU found out about itself, written by that CPU only. */
struct cpu_report {
	uint64_t mpidr;
	unsigned long whoami;	/* RT_SAMPLE_WHOAMI's answer */
	unsigned long vbar_el2; /* read at EL2 through SOFT_RESTART, if asked */
	unsigned long set, reset;
	struct regs_run run;
};

static struct cpu_report reports[HS_MAX_CPUS];

static unsigned long read_vbar_el2(unsigned long unused)
{
	(void)unused;
	return rt_el2_ctx_self()->entry_vbar_el2;
}

static bool skip_unless_smp(void)
{
	if (rt_smp_ncpus() < 2) {
		test_skip("one CPU");
		return true;
	}
	return false;
}

/* Run fn(cpu, arg) on `which` (or every CPU), one after the other or all at once. */
static void on_cpus(unsigned which, rt_cpu_fn fn, void *arg, bool at_once)
{
	unsigned self = rt_smp_self(), n = rt_smp_ncpus();

	for (unsigned i = 0; i < n; i++) {
		if ((which != ALL_CPUS && i != which) || i == self)
			continue;
		if (!rt_smp_running(i)) {
			test_fail(__FILE__, __LINE__, "CPU%u is not running", i);
			continue;
		}
		rt_smp_post(i, fn, arg);
		if (!at_once && rt_smp_wait(i))
			test_fail(__FILE__, __LINE__, "CPU%u did not finish its work", i);
	}
	if (which == ALL_CPUS || which == self)
		fn(self, arg);
	for (unsigned i = 0; at_once && i < n; i++)
		if ((which == ALL_CPUS || i == which) && i != self && rt_smp_running(i) &&
		    rt_smp_wait(i))
			test_fail(__FILE__, __LINE__, "CPU%u did not finish its work", i);
}

/* Who am I, who answers, and (when `arg`) what VBAR_EL2 holds. */
// cppcheck-suppress constParameter ; the signature is rt_cpu_fn's
static void probe(unsigned cpu, void *arg)
{
	struct cpu_report *r = &reports[cpu];

	r->mpidr = arch_cpu_affinity();
	r->whoami = hyp_call(RT_SAMPLE_WHOAMI, 0, 0, 0, 0);
	r->vbar_el2 = arg ? rt_el2_call(read_vbar_el2, 0) : 0;
}

static void install_sample(unsigned cpu, void *arg)
{
	(void)arg;
	reports[cpu].set = hyp_set_vectors((uintptr_t)rt_sample_vectors);
}

static void reset_vectors(unsigned cpu, void *arg)
{
	(void)arg;
	reports[cpu].reset = hyp_reset_vectors();
}

/* Every CPU: a stub answers it, on it, with VBAR_EL2 at `vectors` only on `sampled`. */
static void expect_answers(unsigned sampled)
{
	const struct hs_cpu_table *t = hyp_cpu_table();

	memset(reports, 0, sizeof(reports));
	on_cpus(ALL_CPUS, probe, (void *)1, false);
	for (unsigned i = 0; i < t->ncpus; i++) {
		const struct cpu_report *r = &reports[i];
		bool mine = i == sampled;

		EXPECT_EQ(r->mpidr, t->cpu[i].mpidr);
		EXPECT_EQ(r->whoami,
			  mine ? (unsigned long)(t->cpu[i].mpidr & AFFINITY_MASK) : HVC_STUB_ERR);
		EXPECT_EQ(r->vbar_el2, mine ? (uintptr_t)rt_sample_vectors : hyp_stub_vectors());
	}
}

TEST(smp, step1_every_cpu_came_up_once_at_boot)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	int cpus = fdt_path_offset(rt_dtb, "/cpus"), node;
	unsigned listed = 0;

	if (!t) {
		test_fail(__FILE__, __LINE__, "the shim gave no CPU table");
		return;
	}
	if (skip_unless_smp())
		return;
	EXPECT_EQ(t->boot_cpu, rt_smp_self());
	for (unsigned i = 0; i < t->ncpus; i++) {
		const struct hs_cpu *c = &t->cpu[i];

		EXPECT_EQ(c->level, hyp_boot_el());
		EXPECT_EQ(hs_cpu_has_hyp(t, i), hyp_available());
		EXPECT_EQ(c->entries, 1);
		/* Its slow-path lock is free: no ticket, not choosing. */
		EXPECT_EQ(c->number, 0);
		EXPECT_EQ(c->choosing, 0);
		if (i == t->boot_cpu) {
			EXPECT_EQ(c->state, HS_CPU_RUNNING);
			continue;
		}
		/* Up once, then powered off (or, from a spin table, waiting in
		 * hypstub's parking place): the payload finds it off. */
		EXPECT_EQ(c->state, hyp_cpu_parks(i) ? HS_CPU_WAITING : HS_CPU_PARKED);
		EXPECT_EQ(rt_smp_affinity_info(i), PSCI_AFFINITY_OFF);
	}
	/* The device tree says the same, CPU by CPU. */
	fdt_for_each_subnode (node, rt_dtb, cpus) {
		int len;
		const fdt32_t *level = fdt_getprop(rt_dtb, node, "hypstub,boot-el", &len);

		const fdt64_t *release = fdt_getprop(rt_dtb, node, "cpu-release-addr", NULL);
		const fdt32_t *reg = fdt_getprop(rt_dtb, node, "reg", NULL);

		if (!level)
			continue;
		listed++;
		EXPECT_EQ(len, 4);
		EXPECT_EQ(fdt32_to_cpu(*level), hyp_boot_el());
		/* A spin-table CPU's cpu-release-addr is its slot in the resident region. */
		for (unsigned i = 0; reg && i < t->ncpus; i++)
			if (t->cpu[i].mpidr == fdt32_to_cpu(reg[0]) && hyp_cpu_parks(i)) {
				EXPECT_EQ(release != NULL, true);
				EXPECT_EQ(release ? fdt64_ld(release) : 0, hyp_cpu_release_addr(i));
				EXPECT_EQ(hyp_cpu_release_addr(i) - hyp_stub_vectors() <
					      HS_RESIDENT_SIZE,
					  true);
			}
	}
	EXPECT_EQ(listed, t->ncpus);
	printf("    %u CPUs came up at %s and powered off; the table and /cpus agree\n",
	       (unsigned)t->ncpus, hyp_boot_el() == 2 ? ARCH_EL2_NAME : ARCH_EL1_NAME);
}

TEST(smp, step2_each_cpu_starts_with_a_fresh_stub)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	unsigned self = rt_smp_self();

	if (skip_unless_smp())
		return;
	for (unsigned i = 0; i < t->ncpus; i++) {
		int err;

		if (i == self)
			continue;
		err = rt_smp_start(i);
		EXPECT_EQ(err, 0);
		if (err)
			continue;
		EXPECT_EQ(t->cpu[i].state, HS_CPU_RUNNING);
		EXPECT_EQ(t->cpu[i].entries, 2);
		EXPECT_EQ(t->cpu[i].level, hyp_boot_el());
		EXPECT_EQ(t->cpu[i].number, 0); /* it gave the slow-path stack back */
		EXPECT_EQ(rt_smp_affinity_info(i), PSCI_AFFINITY_ON);
		memset(&reports[i], 0, sizeof(reports[i]));
		/* Its VBAR_EL2 (HVBAR), read there: the stub's. */
		EXPECT_EQ(rt_smp_run(i, probe, hyp_available() ? (void *)1 : NULL), 0);
		EXPECT_EQ(reports[i].mpidr, t->cpu[i].mpidr);
		EXPECT_EQ(reports[i].whoami, HVC_STUB_ERR);
		EXPECT_EQ(reports[i].vbar_el2, hyp_available() ? hyp_stub_vectors() : 0);
	}
}

TEST_HYP(smp, step3_vectors_set_on_one_cpu_stay_on_it)
{
	const struct hs_cpu_table *t = hyp_cpu_table();

	if (skip_unless_smp())
		return;
	rt_sample_stub_vectors = hyp_stub_vectors();
	expect_answers(ALL_CPUS);
	for (unsigned n = 0; n < t->ncpus; n++) {
		reports[n].set = reports[n].reset = ~0ul;
		on_cpus(n, install_sample, NULL, false);
		EXPECT_EQ(reports[n].set, 0);
		expect_answers(n);
		on_cpus(n, reset_vectors, NULL, false);
		EXPECT_EQ(reports[n].reset, 0);
		/* RESET on CPU n brought back CPU n's stub, and touched nothing else. */
		expect_answers(ALL_CPUS);
		if (test_failures())
			return;
	}
	printf("    on each of %u CPUs in turn: its own handler answered it alone, RESET "
	       "restored it alone\n",
	       (unsigned)t->ncpus);
}

/* The register checks, with an install/ask/reset round every WHOAMI_EVERY calls. */
static void calls_and_whoami(unsigned cpu, void *arg)
{
	struct cpu_report *r = &reports[cpu];
	uint64_t me = arch_cpu_affinity() & AFFINITY_MASK;

	(void)arg;
	r->run.rng = 0x5eed0000u + cpu;
	arch_sysregs_randomize();
	while (r->run.calls < SMP_CALLS && !r->run.failures) {
		unsigned long got;

		regs_random_calls(&r->run, WHOAMI_EVERY);
		if (hyp_set_vectors((uintptr_t)rt_sample_vectors) != 0)
			regs_fail(&r->run, "SET_VECTORS of the sample handler refused");
		got = hyp_call(RT_SAMPLE_WHOAMI, 0, 0, 0, 0);
		if (got != me)
			regs_fail(&r->run, "after call %u: WHOAMI answered 0x%lx on CPU%u (0x%llx)",
				  r->run.calls, got, cpu, (unsigned long long)me);
		if (hyp_reset_vectors() != 0)
			regs_fail(&r->run, "RESET_VECTORS refused");
		got = hyp_call(RT_SAMPLE_WHOAMI, 0, 0, 0, 0);
		if (got != HVC_STUB_ERR)
			regs_fail(&r->run, "after RESET: WHOAMI answered 0x%lx, not the stub", got);
		r->whoami++;
	}
}

TEST_HYP(smp, step4_all_cpus_call_at_once)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	unsigned total = 0;

	if (skip_unless_smp())
		return;
	rt_sample_stub_vectors = hyp_stub_vectors();
	memset(reports, 0, sizeof(reports));
	on_cpus(ALL_CPUS, calls_and_whoami, NULL, true);
	for (unsigned i = 0; i < t->ncpus; i++) {
		const struct regs_run *run = &reports[i].run;

		if (run->failures)
			test_fail(__FILE__, __LINE__, "CPU%u: %s", i, run->first_failure);
		EXPECT_EQ(run->calls, SMP_CALLS);
		EXPECT_TRUE(run->accepted > SMP_CALLS / 8 && run->refused > SMP_CALLS / 2);
		EXPECT_EQ(reports[i].whoami, SMP_CALLS / WHOAMI_EVERY);
		total += run->calls;
	}
	printf("    %u CPUs at once: %u random calls each (%u in all), every answer, register "
	       "and EL1 system register checked; %u who-answers rounds each\n",
	       (unsigned)t->ncpus, SMP_CALLS, total, SMP_CALLS / WHOAMI_EVERY);
}

/* At EL2 through SOFT_RESTART: which CPU is this? */
static unsigned long el2_mpidr(unsigned long unused)
{
	(void)unused;
	return (unsigned long)arch_cpu_affinity();
}

/* Wait (bounded) until `*word` is `want`; true when it is. */
static bool wait_byte(const volatile uint8_t *word, uint8_t want)
{
	uint64_t start = sysreg_cntpct_el0_read();
	uint64_t limit = (uint64_t)sysreg_cntfrq_el0_read() * RT_SMP_TIMEOUT_S;

	while (*word != want)
		if (sysreg_cntpct_el0_read() - start > limit)
			return false;
	return true;
}

/*
 * HS_CALL_PARK: a running CPU calls it and waits at EL2 in hypstub's
 * parking place (its row WAITING, no new entry); hyp_cpu_on() then
 * releases it through its release slot, not PSCI, and it comes through
 * the CPU entry with a fresh stub.
 */
TEST_HYP(smp, step4b_a_parked_cpu_waits_and_is_released_from_its_slot)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	unsigned self = rt_smp_self(), target = (self + 1) % t->ncpus;
	const volatile struct hs_cpu *row;
	uint32_t entries;

	if (skip_unless_smp())
		return;
	row = &t->cpu[target];
	if (!rt_smp_running(target))
		ASSERT_EQ(rt_smp_start(target), 0);
	entries = row->entries;
	ASSERT_EQ(rt_smp_park(target), 0);
	EXPECT_EQ(row->state, HS_CPU_WAITING);
	EXPECT_EQ(row->entries, entries);
	if (!hyp_cpu_parks(target))
		/* A PSCI CPU that parked is on: PSCI cannot start it, only its slot. */
		EXPECT_EQ(rt_smp_affinity_info(target), PSCI_AFFINITY_ON);
	ASSERT_EQ(rt_smp_start(target), 0);
	EXPECT_EQ(row->entries, entries + 1);
	EXPECT_EQ(row->state, HS_CPU_RUNNING);
	memset(&reports[target], 0, sizeof(reports[target]));
	ASSERT_EQ(rt_smp_run(target, probe, (void *)1), 0);
	EXPECT_EQ(reports[target].mpidr, row->mpidr);
	EXPECT_EQ(reports[target].vbar_el2, hyp_stub_vectors());
	EXPECT_EQ(reports[target].whoami, HVC_STUB_ERR);
	printf("    CPU%u: HS_CALL_PARK, waited at EL2, released through its slot with a fresh "
	       "stub\n",
	       target);
}

static void soft_restarts(unsigned cpu, void *arg)
{
	struct cpu_report *r = &reports[cpu];
	const struct rt_el2_ctx *c = rt_el2_ctx_self();

	(void)arg;
	for (unsigned i = 0; i < SOFT_RESTARTS && !r->run.failures; i++) {
		unsigned long got = rt_el2_call(el2_mpidr, 0);

		r->run.calls++;
		if (c->refused || c->entry_level != 2 ||
		    got != (unsigned long)arch_cpu_affinity() ||
		    c->entry_vbar_el2 != hyp_stub_vectors())
			regs_fail(
			    &r->run,
			    "soft restart %u: refused 0x%lx, level %lu, MPIDR 0x%lx, VBAR 0x%lx", i,
			    c->refused, c->entry_level, got, c->entry_vbar_el2);
	}
}

static void random_calls(unsigned cpu, void *arg)
{
	struct cpu_report *r = &reports[cpu];

	r->run.rng = 0xca11u + cpu;
	regs_random_calls(&r->run, (unsigned)(uintptr_t)arg);
}

TEST_HYP(smp, step5_soft_restart_on_a_secondary_while_others_call)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	unsigned self = rt_smp_self(), target = (self + 1) % t->ncpus;

	if (skip_unless_smp())
		return;
	memset(reports, 0, sizeof(reports));
	rt_smp_post(target, soft_restarts, NULL);
	for (unsigned i = 0; i < t->ncpus; i++)
		if (i != target && i != self)
			rt_smp_post(i, random_calls, (void *)(uintptr_t)2000);
	random_calls(self, (void *)(uintptr_t)2000);
	for (unsigned i = 0; i < t->ncpus; i++) {
		if (i != self && rt_smp_wait(i))
			test_fail(__FILE__, __LINE__, "CPU%u did not finish", i);
		if (reports[i].run.failures)
			test_fail(__FILE__, __LINE__, "CPU%u: %s", i, reports[i].run.first_failure);
	}
	EXPECT_EQ(reports[target].run.calls, SOFT_RESTARTS);
	printf("    CPU%u: %u round trips through EL2 while the others made 2000 calls each\n",
	       target, SOFT_RESTARTS);
}

TEST(smp, step6_a_cpu_survives_100_power_cycles)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	unsigned self = rt_smp_self(), target = (self + t->ncpus - 1) % t->ncpus;
	uint32_t entries;

	if (skip_unless_smp())
		return;
	entries = t->cpu[target].entries;
	for (unsigned cycle = 0; cycle < HOTPLUG_CYCLES; cycle++) {
		/* Leave vectors of our own behind: the next start must not find them. */
		if (hyp_available()) {
			rt_sample_stub_vectors = hyp_stub_vectors();
			reports[target].set = ~0ul;
			ASSERT_EQ(rt_smp_run(target, install_sample, NULL), 0);
			ASSERT_EQ(reports[target].set, 0);
		}
		ASSERT_EQ(rt_smp_stop(target), 0);
		ASSERT_EQ(rt_smp_affinity_info(target), PSCI_AFFINITY_OFF);
		ASSERT_EQ(rt_smp_start(target), 0);
		ASSERT_EQ(t->cpu[target].entries, entries + cycle + 1);
		reports[target].whoami = 0;
		reports[target].vbar_el2 = ~0ul;
		ASSERT_EQ(rt_smp_run(target, probe, hyp_available() ? (void *)1 : NULL), 0);
		ASSERT_EQ(reports[target].mpidr, t->cpu[target].mpidr);
		ASSERT_EQ(reports[target].vbar_el2, hyp_available() ? hyp_stub_vectors() : 0);
		/* With HYP, the stub answers (and refuses WHOAMI); without, the client does. */
		ASSERT_EQ(reports[target].whoami, HVC_STUB_ERR);
	}
	printf("    CPU%u: %u CPU_OFF/CPU_ON cycles, a fresh stub and a working call after each\n",
	       target, HOTPLUG_CYCLES);
}

/*
 * A payload's CPU_ON at hypstub's CPU entry with a null start record: the
 * CPU comes in, says so on the console (the runner checks the line), its
 * row says REFUSED and it powers itself off; the same CPU then starts
 * normally. Only the shim's own record parks a CPU quietly.
 */
TEST(smp, step7_a_null_start_record_is_refused_and_reported)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	unsigned self = rt_smp_self(), target = (self + 1) % t->ncpus;
	const volatile struct hs_cpu *row;
	uint64_t start, limit;
	uint32_t entries;

	if (skip_unless_smp())
		return;
	if (hyp_cpu_parks(target)) {
		test_skip("a spin table: its release carries an entry, not a start record");
		return;
	}
	row = &t->cpu[target];
	ASSERT_EQ(rt_smp_stop(target), 0);
	entries = row->entries;
	ASSERT_EQ(hyp_cpu_on(row->mpidr, NULL), PSCI_SUCCESS);
	start = sysreg_cntpct_el0_read();
	limit = (uint64_t)sysreg_cntfrq_el0_read() * RT_SMP_TIMEOUT_S;
	while (row->entries == entries || rt_smp_affinity_info(target) != PSCI_AFFINITY_OFF)
		if (sysreg_cntpct_el0_read() - start > limit) {
			test_fail(__FILE__, __LINE__, "CPU%u did not come and go within %u s",
				  target, RT_SMP_TIMEOUT_S);
			return;
		}
	EXPECT_EQ(row->entries, entries + 1);
	EXPECT_EQ(row->state, HS_CPU_REFUSED);
	ASSERT_EQ(rt_smp_start(target), 0);
	EXPECT_EQ(row->state, HS_CPU_RUNNING);
	printf("    CPU%u: CPU_ON with a null start record: refused, reported, off; then started "
	       "as usual\n",
	       target);
}

/* What guest_el2_probe (arch/el2_probe.S) is released with, and writes. */
struct el2_probe {
	struct hs_cpu_start start; /* hyp_cpu_on()'s record: ctx points here */
	uint64_t level;		   /* written by the probe: 2 = EL2/HYP */
	uint64_t then;		   /* where the probe goes next */
};
_Static_assert(offsetof(struct el2_probe, level) == 2 * sizeof(uintptr_t), "el2_probe.S");
_Static_assert(offsetof(struct el2_probe, then) == 2 * sizeof(uintptr_t) + 8, "el2_probe.S");
void guest_el2_probe(void);

/*
 * Once a kernel was entered at EL2 by a soft restart (this suite makes
 * many: every read of VBAR_EL2 is one), a CPU released from the parking
 * place enters at EL2, as Linux expects of its secondaries; the runtime
 * copes (it drops to EL1 itself).
 */
TEST_HYP(smp, step8_after_a_soft_restart_a_released_cpu_enters_at_el2)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	unsigned self = rt_smp_self(), target = (self + 1) % t->ncpus;
	static volatile struct el2_probe rec;
	const volatile struct hs_cpu *row;
	uint64_t start, limit;

	if (skip_unless_smp())
		return;
	row = &t->cpu[target];
	(void)rt_el2_call(read_vbar_el2, 0); /* a soft restart, whatever ran before */
	EXPECT_EQ(t->release_el, 2);
	if (!rt_smp_running(target))
		ASSERT_EQ(rt_smp_start(target), 0);
	ASSERT_EQ(rt_smp_park(target), 0);
	rec.start.entry = (uintptr_t)guest_el2_probe;
	rec.level = 0;
	rec.then = hyp_stub_vectors() + HS_RESIDENT_CPU_OFFSET; /* the parking place */
	ASSERT_EQ(hyp_cpu_on(row->mpidr, (const struct hs_cpu_start *)&rec.start), PSCI_SUCCESS);
	start = sysreg_cntpct_el0_read();
	limit = (uint64_t)sysreg_cntfrq_el0_read() * RT_SMP_TIMEOUT_S;
	while (!rec.level)
		if (sysreg_cntpct_el0_read() - start > limit) {
			test_fail(__FILE__, __LINE__, "CPU%u was not released within %u s", target,
				  RT_SMP_TIMEOUT_S);
			return;
		}
	EXPECT_EQ(rec.level, 2);
	/* Back in the parking place; the runtime starts it again from there. */
	ASSERT_EQ(wait_byte(&row->state, HS_CPU_WAITING), true);
	ASSERT_EQ(rt_smp_start(target), 0);
	memset(&reports[target], 0, sizeof(reports[target]));
	ASSERT_EQ(rt_smp_run(target, probe, (void *)1), 0);
	EXPECT_EQ(reports[target].mpidr, row->mpidr);
	EXPECT_EQ(reports[target].vbar_el2, hyp_stub_vectors());
	printf("    CPU%u: released after a soft restart: entered at %s, back to the parking "
	       "place, then started again for EL1\n",
	       target, rec.level == 2 ? "EL2" : "EL1");
}
