// SPDX-License-Identifier: MIT
/*
 * Suite "el1", arch-neutral part: the PMU and the GICv3 CPU interface
 * belong to EL1/PL1. Each test would stop the run in the stub's crash
 * report if EL2/HYP trapped what it touches.
 */
#include <arch/sysreg.h>
#include <hypstub/rt.h>

#include "arch_test.h"
#include "harness.h"

#define PMCR_E	    1ul		/* counters enabled */
#define PMCNTEN_C   (1ul << 31) /* the cycle counter */
#define PMCR_N(v)   (((v) >> 11) & 0x1f)
#define ICC_SRE_SRE 1ul

TEST(el1, pmu_cycle_counter_counts)
{
	const char *why_not;
	unsigned long c0, c1;

	if (!arch_test_has_pmu(&why_not)) {
		test_skip(why_not);
		return;
	}
	sysreg_pmcntenset_el0_write(PMCNTEN_C);
	sysreg_pmcr_el0_write(sysreg_pmcr_el0_read() | PMCR_E);
	isb();
	c0 = sysreg_pmccntr_el0_read();
	for (volatile int i = 0; i < 10000; i++)
		;
	c1 = sysreg_pmccntr_el0_read();
	/* Forward, by a plausible amount (modulo the width of a 32-bit counter). */
	EXPECT_TRUE(c1 - c0 > 0 && c1 - c0 < 1000000000ul);
	/* Every event counter the CPU has is visible to EL1 (MDCR_EL2/HDCR.HPMN). */
	EXPECT_TRUE(PMCR_N(sysreg_pmcr_el0_read()) > 0);
}

TEST(el1, gicv3_system_registers_usable)
{
	if (rt_platform.gic_version != 3) {
		test_skip("GICv2 machine: the CPU interface is memory-mapped");
		return;
	}
	EXPECT_TRUE(sysreg_icc_sre_el1_read() & ICC_SRE_SRE);
	sysreg_icc_pmr_el1_write(0xf0);
	isb();
	EXPECT_EQ(sysreg_icc_pmr_el1_read(), 0xf0);
}
