// SPDX-License-Identifier: MIT
/*
 * More crash_* suites (see test_crash.c): one per kind of unexpected
 * exception at EL2/HYP a test can provoke without a hypervisor, each
 * inside a function run there through SOFT_RESTART, or from EL1 after a
 * test-only trap was set. The runner checks that the report names the
 * right exception class and that the run stopped there.
 */
#include <arch/sysreg.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>

#include "arch_crash.h"
#include "arch_test.h"
#include "harness.h"

static void landing(void)
{
}

static unsigned long jump_to(unsigned long address)
{
	((void (*)(void))address)();
	return 0;
}

static unsigned long hvc_here(unsigned long unused)
{
	(void)unused;
	arch_crash_hvc_here();
	return 0;
}

static unsigned long undefined_here(unsigned long unused)
{
	(void)unused;
	arch_crash_undefined();
	return 0;
}

static unsigned long trap_vm_writes(unsigned long unused)
{
	(void)unused;
	arch_crash_trap_vm_writes();
	return 0;
}

TEST_HYP(crash_iabort, instruction_abort_at_el2_is_reported)
{
	rt_el2_call(jump_to, arch_test_fault_address());
	test_fail(__FILE__, __LINE__, "the instruction abort at EL2 was not taken");
}

TEST_HYP(crash_pcalign, pc_alignment_fault_at_el2_is_reported)
{
	/* Bits [1:0] = 0b10: misaligned in A64 and in ARM state alike. */
	rt_el2_call(jump_to, ((uintptr_t)landing & ~3ul) | 2);
	test_fail(__FILE__, __LINE__, "the PC alignment fault at EL2 was not taken");
}

TEST_HYP(crash_hvc_el2, hvc_at_el2_is_reported)
{
	rt_el2_call(hvc_here, 0);
	test_fail(__FILE__, __LINE__, "the hvc at EL2 came back");
}

TEST_HYP(crash_undef, undefined_instruction_at_el2_is_reported)
{
	rt_el2_call(undefined_here, 0);
	test_fail(__FILE__, __LINE__, "the undefined instruction at EL2 was not taken");
}

TEST_HYP(crash_sysreg, trapped_sysreg_write_from_el1_is_reported)
{
	rt_el2_call(trap_vm_writes, 0);
	sysreg_sctlr_el1_write(sysreg_sctlr_el1_read());
	isb();
	test_fail(__FILE__, __LINE__, "the trapped SCTLR write came back");
}
