// SPDX-License-Identifier: MIT
/*
 * Suite "el1" (arm): what the shim left at PL1 works in SVC mode without
 * trapping to HYP. A trap would reach the stub's crash report and stop
 * the run, so each test both checks results and proves the absence of a
 * trap.
 */
#include <arch/psr.h>
#include <arch/sysreg.h>
#include <hypstub/client.h>
#include <hypstub/rt.h>

#include "../harness.h"

TEST(el1, entered_in_svc_with_mmu_off)
{
	EXPECT_EQ(rt_current_el(), 1);
	EXPECT_EQ(cpsr_read() & PSR_MODE_MASK, PSR_MODE_SVC);
	EXPECT_EQ(sysreg_sctlr_el1_read() & 0x1005, 0); /* M, C, I */
	EXPECT_EQ(hyp_boot_el(), hyp_available() ? 2 : 1);
}

TEST(el1, vfp_and_neon_usable)
{
	uint32_t lanes[4];
	uint32_t fpexc;

	__asm__ volatile(".fpu neon-vfpv4\n\t"
			 "vmrs %0, fpexc\n\t"
			 "vmov.i32 q0, #3\n\t"
			 "vmov.i32 q1, #4\n\t"
			 "vadd.i32 q2, q0, q1\n\t"
			 "vst1.32 {d4, d5}, [%1]"
			 : "=&r"(fpexc)
			 : "r"(lanes)
			 : "d0", "d1", "d2", "d3", "d4", "d5", "memory");
	EXPECT_TRUE(fpexc & (1u << 30)); /* FPEXC.EN */
	for (unsigned i = 0; i < 4; i++)
		EXPECT_EQ(lanes[i], 7);
}

static unsigned long caught_fsr = ~0ul;
static unsigned caught = 0;

static bool catch_and_skip(struct hs_exc_frame *f)
{
	caught_fsr = f->esr;
	caught++;
	f->elr += 4; /* ARM state: the next instruction */
	return true;
}

TEST(el1, own_exceptions_stay_at_pl1)
{
	/* HCR.TGE = 0 and HDCR.TDE = 0: PL1's undefined instructions and
	 * breakpoints are PL1's to handle (in HYP they would crash). */
	rt_set_sync_hook(catch_and_skip);
	__asm__ volatile("udf #0");
	EXPECT_EQ(caught, 1);
	EXPECT_EQ(caught_fsr, 0); /* undefined instruction: no fault status */
	__asm__ volatile("bkpt #0x12");
	EXPECT_EQ(caught, 2);
	EXPECT_EQ(caught_fsr & 0x40f, 0x2); /* IFSR.FS: debug event */
	rt_set_sync_hook(NULL);
}
