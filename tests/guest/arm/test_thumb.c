// SPDX-License-Identifier: MIT
/*
 * arm only, suite "stub": the Thumb side of the ABI. A caller in Thumb
 * state is served like an ARM one, and HVC_SOFT_RESTART to an odd address
 * enters Thumb code in HYP mode with A, I and F masked.
 */
#include <arch/psr.h>
#include <arch/sysreg.h>
#include <hypstub/client.h>
#include <hypstub/rt.h>

#include "../harness.h"

unsigned long arch_test_hvc_thumb(unsigned long r0, unsigned long r1);
unsigned long arch_test_soft_restart_thumb(void);
extern unsigned long arch_test_thumb_refused;
extern unsigned long arch_test_thumb_pc_ahead;

TEST_HYP(stub, thumb_caller_is_served)
{
	EXPECT_EQ(arch_test_hvc_thumb(HVC_RESET_VECTORS, 0), 0);
	EXPECT_EQ(arch_test_hvc_thumb(0x1234, 0), HVC_STUB_ERR);
	EXPECT_EQ(arch_test_hvc_thumb(HVC_SET_VECTORS, hyp_stub_vectors() + 4), HVC_STUB_ERR);
	EXPECT_EQ(arch_test_hvc_thumb(HVC_SET_VECTORS, hyp_stub_vectors()), 0);
}

TEST_HYP(stub, soft_restart_to_odd_address_enters_thumb_in_hyp)
{
	for (unsigned i = 0; i < 50; i++) {
		unsigned long cpsr;

		arch_test_thumb_refused = 0;
		arch_test_thumb_pc_ahead = 0;
		cpsr = arch_test_soft_restart_thumb();
		ASSERT_EQ(arch_test_thumb_refused, 0);
		ASSERT_EQ(cpsr & PSR_MODE_MASK, PSR_MODE_HYP);
		/* T reads as 0 through mrs; the PC's offset shows the state. */
		ASSERT_EQ(arch_test_thumb_pc_ahead, 4);
		ASSERT_EQ(cpsr & PSR_AIF, PSR_AIF);
	}
	/* Back in SVC, in ARM state, and the stub still answers. */
	EXPECT_EQ(cpsr_read() & (PSR_MODE_MASK | PSR_BIT_T), PSR_MODE_SVC);
	EXPECT_EQ(hyp_call(0x1234, 0, 0, 0, 0), HVC_STUB_ERR);
}

extern unsigned long arch_test_thumb_entry_pc_ahead;

/* Meaningful in conformance-thumb.elf (the "thumb-entry" group), skipped otherwise. */
TEST(el1, thumb_entry_point_ran_in_thumb_state)
{
	if (!arch_test_thumb_entry_pc_ahead) {
		test_skip("entered at the ARM _start");
		return;
	}
	/* The PC reads 4 ahead in Thumb state, 8 in ARM state. */
	EXPECT_EQ(arch_test_thumb_entry_pc_ahead, 4);
	if (arch_test_thumb_entry_pc_ahead == 4)
		printf("    entered at the Thumb entry point, in Thumb state\n");
}
