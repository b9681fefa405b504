// SPDX-License-Identifier: MIT
/*
 * Suite "stub": each call's result and effect, and every bad input
 * refused with nothing changed. VBAR_EL2 is read at EL2 through
 * SOFT_RESTART (rt_el2_call), so "nothing changed" is checked, not assumed.
 */
#include <hypstub/bootinfo.h>
#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <hypstub/rt_smp.h>

#include "arch_test.h"
#include "harness.h"
#include "landing.h"

#define SOME_CALL 0x1234ul

static unsigned long read_vbar_el2(unsigned long unused)
{
	(void)unused;
	return rt_el2_ctx_self()->entry_vbar_el2;
}

static unsigned long vbar_el2(void)
{
	return rt_el2_call(read_vbar_el2, 0);
}

static void install_sample(void)
{
	rt_sample_stub_vectors = hyp_stub_vectors();
	rt_sample_calls = 0;
}

TEST_HYP(stub, vbar_starts_at_stub_vectors)
{
	EXPECT_NE(hyp_stub_vectors(), 0);
	EXPECT_EQ(hyp_stub_vectors() % arch_test_vectors_align, 0);
	EXPECT_EQ(vbar_el2(), hyp_stub_vectors());
}

TEST_HYP(stub, unknown_numbers_return_stub_err)
{
	static const unsigned long numbers[] = {
	    3, 4, 5, 6, 0xff, 0x1000, HS_CALL_BASE + 1, 0x80000000ul, 0xbadca11, ~0ul};

	for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		EXPECT_EQ(hyp_call(numbers[i], 0x40000000, 0, 0, 0), HVC_STUB_ERR);
	for (unsigned i = 0; i < 1000; i++) {
		unsigned long n = rt_random();

		if (n > 2 && n != HS_CALL_PARK) /* the park call does not return */
			ASSERT_EQ(hyp_call(n, rt_random(), rt_random(), rt_random(), rt_random()),
				  HVC_STUB_ERR);
	}
	EXPECT_EQ(vbar_el2(), hyp_stub_vectors());
}

TEST_HYP(stub, set_vectors_moves_vbar_and_reset_brings_stub_back)
{
	install_sample();
	EXPECT_EQ(hyp_set_vectors((uintptr_t)rt_sample_vectors), 0);
	EXPECT_EQ(vbar_el2(), (uintptr_t)rt_sample_vectors);
	/* The new vectors answer `hvc` now, not the stub. */
	EXPECT_EQ(hyp_call(SOME_CALL, 0, 0, 0, 0), RT_SAMPLE_MAGIC);
	EXPECT_EQ(hyp_call(SOME_CALL, 0, 0, 0, 0), RT_SAMPLE_MAGIC);
	EXPECT_EQ(rt_sample_calls, 2);
	/* The sample hands RESET_VECTORS to the stub's code: the stub restores itself. */
	EXPECT_EQ(hyp_reset_vectors(), 0);
	EXPECT_EQ(vbar_el2(), hyp_stub_vectors());
	EXPECT_EQ(hyp_call(SOME_CALL, 0, 0, 0, 0), HVC_STUB_ERR);
	EXPECT_EQ(rt_sample_calls, 2);
}

TEST_HYP(stub, reset_vectors_with_stub_in_place_is_a_noop)
{
	EXPECT_EQ(hyp_reset_vectors(), 0);
	EXPECT_EQ(hyp_reset_vectors(), 0);
	EXPECT_EQ(vbar_el2(), hyp_stub_vectors());
	EXPECT_EQ(hyp_call(SOME_CALL, 0, 0, 0, 0), HVC_STUB_ERR);
}

TEST_HYP(stub, set_vectors_to_the_stub_itself)
{
	EXPECT_EQ(hyp_set_vectors(hyp_stub_vectors()), 0);
	EXPECT_EQ(vbar_el2(), hyp_stub_vectors());
}

TEST_HYP(stub, set_vectors_misaligned_is_refused)
{
	uintptr_t good = (uintptr_t)rt_sample_vectors;
	unsigned long align = arch_test_vectors_align;

	install_sample();
	/* Every single low bit, and the offsets just below the next boundary. */
	for (unsigned long bit = 1; bit < align; bit <<= 1) {
		EXPECT_EQ(hyp_set_vectors(good + bit), HVC_STUB_ERR);
		EXPECT_EQ(vbar_el2(), hyp_stub_vectors());
	}
	EXPECT_EQ(hyp_set_vectors(good + align - 4), HVC_STUB_ERR);
	EXPECT_EQ(hyp_set_vectors(good + align - 1), HVC_STUB_ERR);
	EXPECT_EQ(vbar_el2(), hyp_stub_vectors());
	EXPECT_EQ(hyp_call(SOME_CALL, 0, 0, 0, 0), HVC_STUB_ERR);
	EXPECT_EQ(rt_sample_calls, 0);
}

TEST_HYP(stub, set_vectors_beyond_the_address_space_is_refused)
{
	uint64_t limit = arch_test_pa_limit();

	if (!limit) {
		test_skip("every register value is an address on this architecture");
		return;
	}
	EXPECT_EQ(hyp_set_vectors((uintptr_t)limit), HVC_STUB_ERR);
	EXPECT_EQ(hyp_set_vectors((uintptr_t)limit + arch_test_vectors_align), HVC_STUB_ERR);
	EXPECT_EQ(hyp_set_vectors(~(arch_test_vectors_align - 1)), HVC_STUB_ERR);
	EXPECT_EQ(vbar_el2(), hyp_stub_vectors());
}

TEST_HYP(stub, nonzero_hvc_immediate_is_refused)
{
	install_sample();
	for (unsigned i = 0; i < ARCH_TEST_NIMM; i++) {
		EXPECT_EQ(arch_test_hvc_imm(i, HVC_SET_VECTORS, (uintptr_t)rt_sample_vectors),
			  HVC_STUB_ERR);
		EXPECT_EQ(vbar_el2(), hyp_stub_vectors());
		EXPECT_EQ(arch_test_hvc_imm(i, HVC_RESET_VECTORS, 0), HVC_STUB_ERR);
		EXPECT_EQ(arch_test_hvc_imm(i, SOME_CALL, 0), HVC_STUB_ERR);
	}
	EXPECT_EQ(rt_sample_calls, 0);
}

static unsigned long never_runs(unsigned long arg)
{
	return arg;
}

TEST_HYP(stub, soft_restart_bad_entry_is_refused)
{
	uintptr_t entry = (uintptr_t)never_runs & ~3ul;
	uint64_t limit = arch_test_pa_limit();

	for (unsigned i = 0; i < 16; i++)
		EXPECT_EQ(hyp_soft_restart(arch_test_bad_entry(entry, i), 0, 0, 0), HVC_STUB_ERR);
	if (limit) {
		EXPECT_EQ(hyp_soft_restart((uintptr_t)limit, 0, 0, 0), HVC_STUB_ERR);
		EXPECT_EQ(hyp_soft_restart(~0x3ul, 0, 0, 0), HVC_STUB_ERR);
	}
	EXPECT_EQ(vbar_el2(), hyp_stub_vectors());
}

TEST_HYP(stub, soft_restart_lands_at_el2_masked_mmu_and_caches_off)
{
	for (unsigned i = 0; i < 200; i++)
		if (!soft_restart_lands_at_el2())
			return;
}

TEST_NO_HYP(nohyp, calls_refused_without_el2)
{
	EXPECT_EQ(hyp_available(), 0);
	EXPECT_EQ(hyp_boot_el(), 1);
	EXPECT_EQ(hyp_set_vectors((uintptr_t)rt_sample_vectors), HVC_STUB_ERR);
	EXPECT_EQ(hyp_reset_vectors(), HVC_STUB_ERR);
	EXPECT_EQ(hyp_soft_restart((uintptr_t)never_runs, 0, 0, 0), HVC_STUB_ERR);
	EXPECT_EQ(hyp_call(7, 0, 0, 0, 0), HVC_STUB_ERR);
	EXPECT_EQ(rt_current_el(), 1);
}

#define STACK_PAINT 0x5aa5a55au

/*
 * A call uses this CPU's own EL2/HYP stack and nothing below it: paint
 * the stack (HS_EL2_STACK_SIZE below HS_EL2_STACK_TOP of this CPU's
 * index) and as much again below it (another CPU's, or the slow-path
 * stack: dead while no other CPU runs), make each call, and find the
 * deepest word that changed: exactly the call path's frame, which fills
 * the stack.
 */
TEST_HYP(stub, calls_use_only_this_cpus_own_el2_stack)
{
	uintptr_t top = hyp_stub_vectors() + HS_EL2_STACK_TOP((uintptr_t)hyp_cpu_index());
	volatile uint32_t *hi = (volatile uint32_t *)top, *lo = hi - 2 * HS_EL2_STACK_SIZE / 4;
	volatile uint32_t *p;

	for (unsigned i = 0; i < rt_smp_ncpus(); i++) {
		if (i != rt_smp_self() && rt_smp_running(i)) {
			test_skip("another CPU is running");
			return;
		}
	}
	ASSERT_EQ(hyp_cpu_index() >= 0, 1);
	for (p = lo; p < hi; p++)
		*p = STACK_PAINT;
	EXPECT_EQ(hyp_set_vectors(hyp_stub_vectors()), 0);
	EXPECT_EQ(hyp_set_vectors(hyp_stub_vectors() + 4), HVC_STUB_ERR);
	EXPECT_EQ(hyp_call(SOME_CALL, 1, 2, 3, 4), HVC_STUB_ERR);
	EXPECT_EQ(hyp_reset_vectors(), 0);
	for (p = lo; p < hi && *p == STACK_PAINT; p++)
		;
	EXPECT_EQ((uintptr_t)hi - (uintptr_t)p, HS_EL2_STACK_SIZE);
}
