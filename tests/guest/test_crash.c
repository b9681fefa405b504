// SPDX-License-Identifier: MIT
/*
 * Suites "crash_*": each provokes one unexpected exception at EL2 (inside
 * a function run there through SOFT_RESTART, with the stub's vectors in
 * place) and must never get past it. The runner checks that the stub's
 * crash report appeared, decoded, and that the run stopped there.
 * They run only when named: "tests=" without them skips them.
 */
#include <hypstub/arch.h>
#include <hypstub/bootinfo.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <hypstub/rt_smp.h>

#include "arch_test.h"
#include "harness.h"

static unsigned long read_faulting(unsigned long address)
{
	return *(volatile unsigned long *)address;
}

static unsigned long breakpoint(unsigned long unused)
{
	(void)unused;
	__builtin_trap();
}

TEST_HYP(crash_dabort, data_abort_at_el2_is_reported)
{
	rt_el2_call(read_faulting, arch_test_fault_address());
	test_fail(__FILE__, __LINE__, "the data abort at EL2 was not taken");
}

TEST_HYP(crash_brk, breakpoint_at_el2_is_reported)
{
	rt_el2_call(breakpoint, 0);
	test_fail(__FILE__, __LINE__, "the breakpoint at EL2 was not taken");
}

static unsigned long trap_wfi_at_el1(unsigned long unused)
{
	(void)unused;
	/* Test-only: make EL1's WFI trap to EL2 (HCR_EL2.TWI), so that a
	 * synchronous exception from EL1 that is not a call reaches the stub. */
	arch_test_el2_trap_wfi();
	return 0;
}

TEST_HYP(crash_trap, trapped_instruction_from_el1_is_reported)
{
	rt_el2_call(trap_wfi_at_el1, 0);
	/* The report must show the registers as they were at the trap. */
	arch_test_wfi_with_markers();
	test_fail(__FILE__, __LINE__, "the trapped WFI came back");
}

/*
 * Every CPU at once (SMP only): each traps its WFI to EL2 with the
 * markers and its own MPIDR in x4 (r4). The reports share one slow-path
 * stack, so they must come one after the other, each whole and each with
 * its own CPU's registers: the runner checks that there are as many as
 * CPUs, none interleaved with another, and x4 (r4) = the CPU named.
 */
static volatile int crash_ready[HS_MAX_CPUS];
static volatile int crash_go;

// cppcheck-suppress constParameter ; the signature is rt_cpu_fn's
static void crash_together(unsigned cpu, void *arg)
{
	(void)arg;
	rt_el2_call(trap_wfi_at_el1, 0);
	crash_ready[cpu] = 1;
	while (!crash_go)
		;
	arch_test_wfi_with_id((unsigned long)arch_cpu_affinity());
}

TEST_HYP(crash_smp, every_cpu_crashing_at_once_is_reported)
{
	unsigned self = rt_smp_self(), n = rt_smp_ncpus();

	for (unsigned i = 0; i < n; i++) {
		if (i == self)
			continue;
		ASSERT_EQ(rt_smp_start(i), 0);
		rt_smp_post(i, crash_together, NULL);
	}
	for (unsigned i = 0; i < n; i++)
		while (i != self && !crash_ready[i])
			;
	crash_go = 1;
	crash_together(self, NULL);
	test_fail(__FILE__, __LINE__, "the trapped WFI came back");
}
