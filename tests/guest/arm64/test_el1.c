// SPDX-License-Identifier: MIT
/*
 * Suite "el1": what the shim left at EL1 works without trapping to EL2.
 * A trap would reach the stub's crash report and stop the run, so each
 * test both checks results and proves the absence of a trap.
 */
#include <arch/sysreg.h>
#include <hypstub/client.h>
#include <hypstub/rt.h>

#include "../arch_test.h"
#include "../harness.h"

TEST(el1, entered_at_el1_with_mmu_off)
{
	EXPECT_EQ(rt_current_el(), 1);
	EXPECT_EQ(sysreg_sctlr_el1_read() & 0x1005, 0);
	EXPECT_EQ(hyp_boot_el(), hyp_available() ? 2 : 1);
}

TEST(el1, fp_and_simd_usable)
{
	volatile double a = 1.5, b = 2.25;
	uint64_t lanes[2];

	EXPECT_TRUE(a * b == 3.375);
	__asm__ volatile("movi v0.4s, #3\n\t"
			 "movi v1.4s, #4\n\t"
			 "add v2.4s, v0.4s, v1.4s\n\t"
			 "mov %0, v2.d[0]\n\t"
			 "mov %1, v2.d[1]"
			 : "=r"(lanes[0]), "=r"(lanes[1])
			 :
			 : "v0", "v1", "v2");
	EXPECT_EQ(lanes[0], 0x0000000700000007ull);
	EXPECT_EQ(lanes[1], 0x0000000700000007ull);
}

static unsigned long caught_class = ~0ul;

static bool catch_and_skip(struct hs_exc_frame *f)
{
	caught_class = RT_ESR_CLASS(f->esr);
	f->elr += RT_INSN_SIZE;
	return true;
}

TEST(el1, own_exceptions_stay_at_el1)
{
	/* HCR_EL2.TGE = 0 and MDCR_EL2.TDE = 0: EL1's undefined instructions
	 * and breakpoints are EL1's to handle (at EL2 they would crash). */
	rt_set_sync_hook(catch_and_skip);
	__asm__ volatile(".inst 0x00000000"); /* UDF #0 */
	EXPECT_EQ(caught_class, 0x00);
	caught_class = ~0ul;
	__asm__ volatile("brk #0x1234");
	EXPECT_EQ(caught_class, 0x3c);
	rt_set_sync_hook(NULL);
}
