// SPDX-License-Identifier: MIT
/*
 * Suite "hyp": the sample built-in hypervisor (hyp/, docs/HYPERVISOR.md).
 * Install and removal leave every EL2/HYP register as they found it, over
 * 1,000 cycles on every CPU; stage 2 keeps EL1 out of the hypervisor and
 * off its protected ranges, with the right abort; the stub ABI's calls
 * behave as the specification requires of a built-in hypervisor; and a
 * CPU's calls leave the others under it.
 */
#include <hypstub/client.h>
#include <hypstub/hyp.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <hypstub/rt_smp.h>

#include "arch_hyp_test.h"
#include "arch_test.h"
#include "harness.h"
#include "landing.h"

#define CYCLES 1000u

/* A page EL1 owns, to protect. */
static volatile uint32_t page[1024] __attribute__((aligned(4096)));

/* The last abort the hook caught, per CPU. */
static volatile struct caught {
	unsigned long count, status, far;
} caught[HS_MAX_CPUS];

static bool catch_abort(struct hs_exc_frame *f)
{
	volatile struct caught *c = &caught[rt_smp_self()];

	c->count++;
	c->status = arch_hyp_abort_status(f);
	c->far = f->far;
	arch_hyp_skip(f);
	return true;
}

static int install(void)
{
	return hyp_sample_install(hyp_sample_default_region(), HYP_REGION_ALIGN);
}

static unsigned long cpus_under(void)
{
	struct hyp_status st;

	return hyp_sample_status(&st) ? ~0ul : st.cpus;
}

static unsigned long faults(void)
{
	struct hyp_status st;

	return hyp_sample_status(&st) ? ~0ul : st.faults;
}

/* The faults counted on the calling CPU alone. */
static unsigned long cpu_faults(void)
{
	struct hyp_status st;

	return hyp_sample_status_this_cpu(&st) ? ~0ul : st.faults;
}

/* Every EL2/HYP register the hypervisor may touch, and SP_EL2/SP_hyp, read at EL2. */
static void snapshot(struct arch_hyp_snap *s)
{
	s->n = 0;
	EXPECT_EQ(rt_el2_call_args((rt_el2_fn)arch_hyp_snapshot, (uintptr_t)s, 0, 0, 0), 0);
	s->value[s->n++] = rt_el2_ctx_self()->el2_sp;
}

static unsigned snap_diff(const struct arch_hyp_snap *a, const struct arch_hyp_snap *b)
{
	for (unsigned i = 0; i < a->n; i++)
		if (a->value[i] != b->value[i])
			return i + 1;
	return a->n != b->n ? ~0u : 0;
}

static void start_all(void)
{
	for (unsigned i = 0; i < rt_smp_ncpus(); i++)
		if (i != rt_smp_self() && !rt_smp_running(i) && rt_smp_start(i))
			test_fail(__FILE__, __LINE__, "CPU%u did not start", i);
}

/* fn on every CPU at once (this one too), and wait for all. */
static void on_all(rt_cpu_fn fn, void *arg)
{
	unsigned self = rt_smp_self();

	for (unsigned i = 0; i < rt_smp_ncpus(); i++)
		if (i != self && rt_smp_running(i))
			rt_smp_post(i, fn, arg);
	fn(self, arg);
	for (unsigned i = 0; i < rt_smp_ncpus(); i++)
		if (i != self && rt_smp_running(i) && rt_smp_wait(i))
			test_fail(__FILE__, __LINE__, "CPU%u did not finish", i);
}

TEST_HYP(hyp, a_install_status_remove)
{
	struct hyp_status st;
	struct arch_hyp_snap before, after;

	snapshot(&before);
	EXPECT_EQ(hyp_sample_status(&st), HVC_STUB_ERR); /* the stub: not a call of its own */
	ASSERT_EQ(install(), 0);
	EXPECT_EQ(hyp_sample_status(&st), 0);
	EXPECT_EQ(st.version, HYP_VERSION);
	EXPECT_EQ(st.cpus, 1);
	EXPECT_EQ(hyp_sample_status_this_cpu(&st), 0);
	EXPECT_EQ(st.cpus, 1);
	/* A scope that is neither all CPUs nor this one. */
	EXPECT_EQ(hyp_call(HYP_CALL_STATUS, HYP_STATUS_THIS_CPU + 1, 0, 0, 0), HVC_STUB_ERR);
	EXPECT_EQ(hyp_sample_remove(), 0);
	EXPECT_EQ(hyp_sample_status(&st), HVC_STUB_ERR);
	snapshot(&after);
	EXPECT_EQ(snap_diff(&before, &after), 0);
	EXPECT_EQ(after.value[0], hyp_stub_vectors());
}

TEST_HYP(hyp, b_bad_regions_change_nothing)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	uintptr_t r = hyp_sample_default_region(),
		  image = (uintptr_t)hyp_image_start & ~(uintptr_t)(HYP_REGION_ALIGN - 1);
	struct arch_hyp_snap before, after;

	snapshot(&before);
	EXPECT_EQ(hyp_sample_install(r + 4096, HYP_REGION_ALIGN), HYP_ERR_ALIGN);
	EXPECT_EQ(hyp_sample_install(r, HYP_REGION_ALIGN / 2), HYP_ERR_ALIGN);
	EXPECT_EQ(hyp_sample_install(r, 0), HYP_ERR_ALIGN);
	/* Over hypstub's resident region, past the end of RAM, below it, over the image. */
	EXPECT_EQ(hyp_sample_install(r + HYP_REGION_ALIGN, HYP_REGION_ALIGN), HYP_ERR_PLACE);
	EXPECT_EQ(hyp_sample_install((uintptr_t)t->ram_end, HYP_REGION_ALIGN), HYP_ERR_PLACE);
	EXPECT_EQ(hyp_sample_install((uintptr_t)t->ram_base - HYP_REGION_ALIGN, HYP_REGION_ALIGN),
		  HYP_ERR_PLACE);
	EXPECT_EQ(hyp_sample_install(image, HYP_REGION_ALIGN), HYP_ERR_PLACE);
	/* Loaded once (test a), it stays where it is. */
	EXPECT_EQ(hyp_sample_install(r - HYP_REGION_ALIGN, HYP_REGION_ALIGN), HYP_ERR_LOADED);
	EXPECT_EQ(cpus_under(), ~0ul);
	snapshot(&after);
	EXPECT_EQ(snap_diff(&before, &after), 0);
}

TEST_HYP(hyp, c_abi_under_the_hypervisor)
{
	unsigned long in[ARCH_TEST_MAX_REGS], out[ARCH_TEST_MAX_REGS + 1];

	ASSERT_EQ(install(), 0);
	/* A second install: the client sees it; the hypervisor refuses it too. */
	EXPECT_EQ(install(), HYP_ERR_INSTALLED);
	EXPECT_EQ(hyp_set_vectors(hyp_sample_default_region() + HYP_VECTORS_OFFSET), HVC_STUB_ERR);
	EXPECT_EQ(hyp_set_vectors(hyp_stub_vectors()), HVC_STUB_ERR);
	EXPECT_EQ(hyp_call(HYP_CALL_INIT, hyp_stub_vectors(), 0, 0, 0), HVC_STUB_ERR);
	/* Unknown numbers, and the ones Linux took or proposed. */
	for (unsigned long n = 3; n < 8; n++)
		EXPECT_EQ(hyp_call(n, 0, 0, 0, 0), HVC_STUB_ERR);
	EXPECT_EQ(hyp_call(HS_CALL_BASE, 0, 0, 0, 0), HVC_STUB_ERR);
	EXPECT_EQ(hyp_call(HYP_CALL_BASE + 0x100, 0, 0, 0, 0), HVC_STUB_ERR);
	for (unsigned i = 0; i < ARCH_TEST_NIMM; i++)
		if (arch_test_imm[i])
			EXPECT_EQ(arch_test_hvc_imm(i, HYP_CALL_STATUS, 0), HVC_STUB_ERR);
	/* Every register but x0/r0 comes back, as from the stub. */
	for (unsigned round = 0; round < 100; round++) {
		for (unsigned i = 0; i < arch_test_nregs; i++)
			in[i] = (unsigned long)rt_random();
		in[0] = round & 1 ? HYP_CALL_BASE + 0x55 : 42;
		arch_test_hvc_regs(in, out);
		EXPECT_EQ(out[0], HVC_STUB_ERR);
		for (unsigned i = 1; i < arch_test_nregs; i++)
			if (out[i] != in[i])
				test_fail(__FILE__, __LINE__, "%s changed", arch_test_reg_name(i));
		EXPECT_EQ(out[arch_test_nregs], arch_test_sp_for_hvc());
	}
	EXPECT_EQ(cpus_under(), 1);
	EXPECT_EQ(hyp_sample_remove(), 0);
	EXPECT_EQ(cpus_under(), ~0ul);
	/* The stub answers again: RESET_VECTORS is its own no-op. */
	EXPECT_EQ(hyp_sample_remove(), 0);
}

TEST_HYP(hyp, d_protect_and_hidden_memory)
{
	volatile struct caught *c = &caught[rt_smp_self()];
	volatile uint32_t *hidden = (volatile uint32_t *)hyp_sample_default_region();
	unsigned long f0, own0;
	uint32_t v;

	rt_set_sync_hook(catch_abort);
	ASSERT_EQ(install(), 0);
	f0 = faults();
	own0 = cpu_faults();
	page[0] = 1;
	EXPECT_EQ(hyp_sample_protect((uintptr_t)page, sizeof(page), 1), 0);
	/* A write faults at EL1 (permission, level 3) and is counted; a read does not. */
	c->count = 0;
	page[0] = 2;
	EXPECT_EQ(c->count, 1);
	EXPECT_EQ(c->status, arch_hyp_expected_abort(1, 1, 3));
	EXPECT_EQ(c->far, (uintptr_t)page);
	EXPECT_EQ(page[0], 1);
	EXPECT_EQ(faults(), f0 + 1);
	/* The hypervisor's own memory is not there (translation, level 2). */
	(void)hidden[0];
	EXPECT_EQ(c->count, 2);
	EXPECT_EQ(c->status, arch_hyp_expected_abort(0, 0, 2));
	EXPECT_EQ(c->far, (uintptr_t)hidden);
	hidden[1] = 5;
	EXPECT_EQ(c->count, 3);
	EXPECT_EQ(c->status, arch_hyp_expected_abort(1, 0, 2));
	EXPECT_EQ(faults(), f0 + 3);
	EXPECT_EQ(cpu_faults(), own0 + 3);
	/* Writable again. */
	EXPECT_EQ(hyp_sample_protect((uintptr_t)page, sizeof(page), 0), 0);
	page[0] = 3;
	EXPECT_EQ(page[0], 3);
	EXPECT_EQ(c->count, 3);
	/* Protected again, then removed: plain memory. */
	EXPECT_EQ(hyp_sample_protect((uintptr_t)page, sizeof(page), 1), 0);
	EXPECT_EQ(hyp_sample_remove(), 0);
	page[0] = 4;
	v = hidden[0];
	EXPECT_EQ(c->count, 3);
	EXPECT_EQ(page[0], 4);
	EXPECT_EQ(v, HYP_IMAGE_MAGIC);
	/* Leave it writable for whoever installs next. */
	ASSERT_EQ(install(), 0);
	EXPECT_EQ(hyp_sample_protect((uintptr_t)page, sizeof(page), 0), 0);
	EXPECT_EQ(hyp_sample_remove(), 0);
	rt_set_sync_hook(NULL);
}

TEST_HYP(hyp, e_bad_protect_changes_nothing)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	uintptr_t p = (uintptr_t)page;
	unsigned long f0;

	rt_set_sync_hook(catch_abort);
	ASSERT_EQ(install(), 0);
	f0 = faults();
	EXPECT_EQ(hyp_sample_protect(p + 1, 4096, 1), HVC_STUB_ERR);
	EXPECT_EQ(hyp_sample_protect(p, 100, 1), HVC_STUB_ERR);
	EXPECT_EQ(hyp_sample_protect(p, 0, 1), HVC_STUB_ERR);
	EXPECT_EQ(hyp_sample_protect(p, 4096, 2), HVC_STUB_ERR);
	EXPECT_EQ(hyp_sample_protect((uintptr_t)t->ram_base - 4096, 4096, 1), HVC_STUB_ERR);
	EXPECT_EQ(hyp_sample_protect((uintptr_t)t->ram_end - 4096, 8192, 1), HVC_STUB_ERR);
	EXPECT_EQ(hyp_sample_protect(p, ~(uintptr_t)0xfff, 1), HVC_STUB_ERR);
	EXPECT_EQ(hyp_sample_protect(hyp_sample_default_region() - 4096, 8192, 1), HVC_STUB_ERR);
	EXPECT_EQ(hyp_sample_protect(hyp_sample_default_region(), 4096, 0), HVC_STUB_ERR);
	caught[rt_smp_self()].count = 0;
	page[0] = 7;
	EXPECT_EQ(page[0], 7);
	EXPECT_EQ(caught[rt_smp_self()].count, 0);
	EXPECT_EQ(faults(), f0);
	EXPECT_EQ(hyp_sample_remove(), 0);
	rt_set_sync_hook(NULL);
}

TEST_HYP(hyp, f_soft_restart_lands_as_from_the_stub)
{
	struct arch_hyp_snap before, after;

	snapshot(&before);
	for (unsigned i = 0; i < 50; i++) {
		ASSERT_EQ(install(), 0);
		/* A bad entry is refused and changes nothing: still installed. */
		ASSERT_EQ(hyp_soft_restart(arch_test_bad_entry((uintptr_t)landing_at_el2 & ~3ul, i),
					   0, 0, 0),
			  HVC_STUB_ERR);
		ASSERT_EQ(cpus_under(), 1);
		if (!soft_restart_lands_at_el2())
			return;
		/* Torn down on the way: the stub answers. */
		ASSERT_EQ(cpus_under(), ~0ul);
	}
	snapshot(&after);
	EXPECT_EQ(snap_diff(&before, &after), 0);
}

static struct cycle_report {
	unsigned long done, install_err, remove_err, diff, diff_reg;
} cycles[HS_MAX_CPUS];

static void install_cycles(unsigned cpu, void *arg)
{
	struct cycle_report *r = &cycles[cpu];
	struct arch_hyp_snap before, after;

	(void)arg;
	snapshot(&before);
	for (unsigned i = 0; i < CYCLES; i++) {
		if (install()) {
			r->install_err++;
			break;
		}
		if (hyp_sample_remove())
			r->remove_err++;
		snapshot(&after);
		if (snap_diff(&before, &after) && !r->diff) {
			r->diff = i + 1;
			r->diff_reg = snap_diff(&before, &after);
		}
		r->done++;
	}
}

TEST_HYP(hyp, g_round_trips_leave_no_trace_on_every_cpu)
{
	start_all();
	on_all(install_cycles, NULL);
	for (unsigned i = 0; i < rt_smp_ncpus(); i++) {
		const struct cycle_report *r = &cycles[i];

		if (r->done != CYCLES || r->install_err || r->remove_err || r->diff)
			test_fail(__FILE__, __LINE__,
				  "CPU%u: %lu cycles, %lu installs and %lu removals refused, "
				  "first difference after cycle %lu in %s",
				  i, r->done, r->install_err, r->remove_err, r->diff,
				  r->diff ? arch_hyp_snap_name((unsigned)r->diff_reg - 1) : "-");
	}
	printf("  %u install/remove cycles on each of %u CPUs, EL2 registers checked after each\n",
	       CYCLES, rt_smp_ncpus());
}

static struct other_report {
	unsigned long installed, write_faults, status_cpus;
} others[HS_MAX_CPUS];

static void install_here(unsigned cpu, void *arg)
{
	(void)arg;
	others[cpu].installed = install() == 0;
}

/* Is this CPU still under it: a write to the protected page is caught. */
static void probe_here(unsigned cpu, void *arg)
{
	volatile struct caught *c = &caught[cpu];
	unsigned long before = c->count;

	(void)arg;
	page[1] = cpu;
	others[cpu].write_faults = c->count - before;
	others[cpu].status_cpus = cpus_under();
}

/* This CPU's own fault count (HYP_STATUS_THIS_CPU), into arg[cpu]. */
static void own_faults_here(unsigned cpu, void *arg)
{
	((unsigned long *)arg)[cpu] = cpu_faults();
}

static void soft_restart_here(unsigned cpu, void *arg)
{
	(void)arg;
	if (rt_el2_call(landing_at_el2, 0) != (2ul << 28))
		test_fail(__FILE__, __LINE__, "CPU%u: no round trip at EL2", cpu);
}

static void remove_here(unsigned cpu, void *arg)
{
	(void)arg;
	if (hyp_sample_remove())
		test_fail(__FILE__, __LINE__, "CPU%u: remove refused", cpu);
}

TEST_HYP(hyp, h_one_cpus_calls_leave_the_others)
{
	unsigned n = rt_smp_ncpus(), self = rt_smp_self(), last = n - 1;
	unsigned long own_before[HS_MAX_CPUS], own_after[HS_MAX_CPUS], total;

	if (n < 2) {
		test_skip("one CPU");
		return;
	}
	start_all();
	rt_set_sync_hook(catch_abort);
	on_all(install_here, NULL);
	for (unsigned i = 0; i < n; i++)
		EXPECT_EQ(others[i].installed, 1);
	EXPECT_EQ(cpus_under(), n);
	EXPECT_EQ(hyp_sample_protect((uintptr_t)page, 4096, 1), 0);
	/* RESET_VECTORS on the last CPU: it alone leaves. */
	EXPECT_EQ(rt_smp_run(last, remove_here, NULL), 0);
	/* Each CPU's own count is read before and after every CPU wrote once. */
	on_all(own_faults_here, own_before);
	total = faults();
	on_all(probe_here, NULL);
	on_all(own_faults_here, own_after);
	EXPECT_EQ(faults(), total + n - 1);
	for (unsigned i = 0; i < n; i++) {
		EXPECT_EQ(others[i].write_faults, i == last ? 0 : 1);
		EXPECT_EQ(own_after[i] - own_before[i], i == last ? 0 : 1);
		EXPECT_EQ(others[i].status_cpus, i == last ? ~0ul : n - 1);
	}
	/* SOFT_RESTART on it, from under the hypervisor again: the others stay. */
	EXPECT_EQ(rt_smp_run(last, install_here, NULL), 0);
	EXPECT_EQ(cpus_under(), n);
	EXPECT_EQ(rt_smp_run(last, soft_restart_here, NULL), 0);
	on_all(probe_here, NULL);
	for (unsigned i = 0; i < n; i++)
		EXPECT_EQ(others[i].write_faults, i == last ? 0 : 1);
	EXPECT_EQ(cpus_under(), n - 1);
	EXPECT_EQ(hyp_sample_protect((uintptr_t)page, 4096, 0), 0);
	for (unsigned i = 0; i < n; i++)
		if (i != last && i != self)
			EXPECT_EQ(rt_smp_run(i, remove_here, NULL), 0);
	EXPECT_EQ(hyp_sample_remove(), 0);
	rt_set_sync_hook(NULL);
}

/*
 * The lock (HYP_CALL_LOCK): from then on RESET_VECTORS and SOFT_RESTART
 * are refused on every CPU and change nothing; protection holds. It lasts
 * until reset, so this is the suite's last test with the hypervisor.
 */
TEST_HYP(hyp, y_lock_keeps_it_installed)
{
	volatile struct caught *c = &caught[rt_smp_self()];

	rt_set_sync_hook(catch_abort);
	ASSERT_EQ(install(), 0);
	EXPECT_EQ(hyp_sample_protect((uintptr_t)page, sizeof(page), 1), 0);
	EXPECT_EQ(hyp_sample_lock(), 0);
	EXPECT_EQ(hyp_sample_remove(), HYP_ERR_REFUSED);
	EXPECT_EQ(cpus_under(), 1);
	/* A SOFT_RESTART the stub would take: refused, nothing ran at EL2. */
	EXPECT_EQ(rt_el2_call_args(landing_at_el2, 1, 0, 0, 0), HVC_STUB_ERR);
	EXPECT_EQ(cpus_under(), 1);
	c->count = 0;
	page[0] = 9;
	EXPECT_EQ(c->count, 1);
	EXPECT_EQ(hyp_sample_lock(), 0);
	EXPECT_EQ(hyp_sample_remove(), HYP_ERR_REFUSED);
	EXPECT_EQ(cpus_under(), 1);
	rt_set_sync_hook(NULL);
}

TEST_NO_HYP(hyp, z_refused_without_el2)
{
	struct hyp_status st;

	/* No stub: the client refuses without ever executing `hvc`. */
	EXPECT_EQ(hyp_sample_install(0x40000000u + 0x10000000u, HYP_REGION_ALIGN),
		  HYP_ERR_UNAVAILABLE);
	EXPECT_EQ(hyp_sample_status(&st), HVC_STUB_ERR);
	EXPECT_EQ(hyp_sample_protect(0x40000000u, 4096, 1), HVC_STUB_ERR);
	EXPECT_EQ(hyp_sample_remove(), HYP_ERR_REFUSED);
}
