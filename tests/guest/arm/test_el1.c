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

TEST(el1, pmu_cycle_counter_counts)
{
	unsigned perfmon = id_field(sysreg_id_dfr0_el1_read(), 24);
	unsigned long c0, c1;

	if (perfmon == 0 || perfmon == 0xf) {
		test_skip("no PMU (ID_DFR0.PerfMon)");
		return;
	}
	/* PMCNTENSET.C, then PMCR.E: count cycles. */
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 1" ::"r"(1ul << 31));
	sysreg_pmcr_el0_write(sysreg_pmcr_el0_read() | 1);
	isb();
	__asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(c0)); /* PMCCNTR */
	for (volatile int i = 0; i < 10000; i++)
		;
	__asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(c1));
	EXPECT_TRUE(c1 != c0);
	/* Every event counter the CPU has is visible to PL1 (HDCR.HPMN). */
	EXPECT_TRUE(((sysreg_pmcr_el0_read() >> 11) & 0x1f) > 0);
}

TEST(el1, gicv3_system_registers_usable)
{
	unsigned long sre, pmr;

	if (rt_platform.gic_version != 3) {
		test_skip("GICv2 machine: the CPU interface is memory-mapped");
		return;
	}
	__asm__ volatile("mrc p15, 0, %0, c12, c12, 5" : "=r"(sre)); /* ICC_SRE */
	EXPECT_TRUE(sre & 1);
	__asm__ volatile("mcr p15, 0, %0, c4, c6, 0\n\tisb" ::"r"(0xf0ul)); /* ICC_PMR */
	__asm__ volatile("mrc p15, 0, %0, c4, c6, 0" : "=r"(pmr));
	EXPECT_EQ(pmr, 0xf0);
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
