// SPDX-License-Identifier: MIT
/*
 * Suites "crash_*": each provokes one unexpected exception at EL2 (inside
 * a function run there through SOFT_RESTART, with the stub's vectors in
 * place) and must never get past it. The runner checks that the stub's
 * crash report appeared, decoded, and that the run stopped there.
 * They run only when named: "tests=" without them skips them.
 */
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>

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
