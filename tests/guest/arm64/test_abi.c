// SPDX-License-Identifier: MIT
/*
 * Suite "abi": the ABI-level checks shared with Linux's abi_check module
 * (tests/abi/), against hypstub's stub. Every check must pass here, the
 * ones that would stop a CPU on a stub without the guarantee included;
 * scripts/conformance.py reads the ABICHECK lines for the table in
 * docs/CONFORMANCE.md.
 */
#include <hypstub/bootinfo.h>
#include <hypstub/client.h>
#include <hypstub/rt_smp.h>

#include "../../abi/abi_checks.h"
#include "../harness.h"

/* Each CPU's copy of the EL2 blob (the payload runs with its MMU off: VA = PA). */
static char blobs[HS_MAX_CPUS][ABI_BLOB_SIZE] __attribute__((aligned(4096)));

static int run_here(unsigned cpu)
{
	struct abi_run r = {
	    .blob_pa = (uintptr_t)blobs[cpu], .blob_va = blobs[cpu], .cpu = cpu, .may_fault = 1};

	abi_blob_install(blobs[cpu]);
	if (abi_run_all(&r))
		return -1;
	if (r.stub_vectors != hyp_stub_vectors() || r.failed || r.not_run || !r.passed)
		return -1;
	return 0;
}

static void run_on_cpu(unsigned cpu, void *arg)
{
	((volatile int *)arg)[cpu] = run_here(cpu) ? 2 : 1;
}

/* abi_on_cpu_fn on the payload runtime's other CPUs. */
struct on_cpu_call {
	void (*fn)(void *arg);
	void *arg;
};

static void on_cpu_trampoline(unsigned cpu, void *arg)
{
	struct on_cpu_call *c = arg;

	(void)cpu;
	c->fn(c->arg);
}

static int on_cpu(unsigned cpu, void (*fn)(void *arg), void *arg)
{
	struct on_cpu_call c = {fn, arg};

	if (!rt_smp_running(cpu) && rt_smp_start(cpu))
		return -1;
	return rt_smp_run(cpu, on_cpu_trampoline, &c);
}

TEST_HYP(abi, every_check_passes_on_every_cpu)
{
	volatile int result[HS_MAX_CPUS] = {0};
	unsigned self = rt_smp_self();

	abi_describe();
	EXPECT_EQ(run_here(self), 0);
	/* The other CPUs, one at a time, each through its own stub. */
	for (unsigned cpu = 0; cpu < rt_smp_ncpus() && cpu < HS_MAX_CPUS; cpu++) {
		if (cpu == self)
			continue;
		ASSERT_EQ(rt_smp_running(cpu) || !rt_smp_start(cpu), 1);
		EXPECT_EQ(rt_smp_run(cpu, run_on_cpu, (void *)result), 0);
		EXPECT_EQ(result[cpu], 1);
		EXPECT_EQ(rt_smp_stop(cpu), 0);
	}
	/* The check across CPUs: the table here, the next CPU asked what it sees. */
	struct abi_run r = {
	    .blob_pa = (uintptr_t)blobs[self], .blob_va = blobs[self], .cpu = self, .may_fault = 1};
	unsigned other = (self + 1) % rt_smp_ncpus();

	abi_run_cross_cpu(&r, other != self ? on_cpu : NULL, other);
	EXPECT_EQ(r.failures, 0);
	if (other != self && rt_smp_running(other))
		EXPECT_EQ(rt_smp_stop(other), 0);
}
