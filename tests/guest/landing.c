// SPDX-License-Identifier: MIT
/* The SOFT_RESTART landing checks (landing.h). */
#include "landing.h"

#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>

#include "harness.h"

unsigned long landing_at_el2(unsigned long arg)
{
	return arg ^ ((unsigned long)rt_current_el() << 28);
}

bool soft_restart_lands_at_el2(void)
{
	const struct rt_el2_ctx *c = rt_el2_ctx_self();
	unsigned long a0 = rt_random(), a1 = rt_random(), a2 = rt_random(), arg = rt_random();
	unsigned long want[3];
	unsigned before = test_failures();

	EXPECT_EQ(rt_el2_call_args(landing_at_el2, arg, a0, a1, a2), 0);
	/* The function really ran at EL2 and came back. */
	EXPECT_EQ(c->result, arg ^ (2ul << 28));
	rt_el2_expected_regs(a0, a1, a2, want);
	EXPECT_EQ(c->entry_regs[0], want[0]);
	EXPECT_EQ(c->entry_regs[1], want[1]);
	EXPECT_EQ(c->entry_regs[2], want[2]);
	EXPECT_EQ(c->entry_level, 2);
	EXPECT_EQ(c->entry_masks, RT_EL2_ALL_MASKED);
	/* M, C and I sit at the same bits of SCTLR_EL2 and HSCTLR. */
	EXPECT_EQ(c->entry_sctlr_el2 & 0x1005, 0);
	EXPECT_EQ(c->entry_vbar_el2, hyp_stub_vectors());
	return test_failures() == before;
}
