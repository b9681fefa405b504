// SPDX-License-Identifier: MIT
/*
 * arm side of the features suite (ARMv7-A, PL1 in SVC mode): each
 * feature's ID register field and a use of it. SVE, SME, pointer
 * authentication and MTE are AArch64 features: "not present" here.
 */
#include <arch/sysreg.h>
#include <hypstub/rt.h>
#include <stdio.h>

#include "../arch_features.h"
#include "../harness.h"

#define PMU_CPU_CYCLES 0x11ul

static unsigned field(unsigned long reg, unsigned shift)
{
	return (unsigned)((reg >> shift) & 0xf);
}

static unsigned long mvfr0(void)
{
	unsigned long v;

	__asm__ volatile(".fpu neon-vfpv4\n\tvmrs %0, mvfr0" : "=r"(v));
	return v;
}

static unsigned long dbgdidr(void)
{
	unsigned long v;

	__asm__ volatile("mrc p14, 0, %0, c0, c0, 0" : "=r"(v));
	return v;
}

int arch_feature_present(enum arch_feature f, char *why, size_t len)
{
	unsigned long pfr1 = sysreg_id_pfr1_el1_read(), dfr0 = sysreg_id_dfr0_el1_read();
	unsigned v;

	switch (f) {
	case ARCH_FEATURE_FP_SIMD:
		snprintf(why, len, "MVFR0.A_SIMD=%u DP=%u", field(mvfr0(), 0), field(mvfr0(), 8));
		return field(mvfr0(), 0) != 0 && field(mvfr0(), 8) != 0;
	case ARCH_FEATURE_SVE:
	case ARCH_FEATURE_SME:
	case ARCH_FEATURE_PAUTH:
	case ARCH_FEATURE_MTE: snprintf(why, len, "AArch64 only"); return 0;
	case ARCH_FEATURE_GICV3:
		snprintf(why, len, "ID_PFR1.GIC=%u, machine GICv%u", field(pfr1, 28),
			 rt_platform.gic_version);
		return field(pfr1, 28) != 0 && rt_platform.gic_version == 3;
	case ARCH_FEATURE_TIMERS:
		snprintf(why, len, "ID_PFR1.GenTimer=%u", field(pfr1, 16));
		return field(pfr1, 16) != 0;
	case ARCH_FEATURE_PMU_CYCLES:
	case ARCH_FEATURE_PMU_EVENTS:
		v = field(dfr0, 24);
		snprintf(why, len, "ID_DFR0.PerfMon=%u", v);
		return v != 0 && v != 0xf;
	case ARCH_FEATURE_DEBUG:
		snprintf(why, len, "DBGDIDR.Version=%u BRPs=%u", field(dbgdidr(), 16),
			 field(dbgdidr(), 24) + 1);
		return field(dbgdidr(), 16) != 0;
	default: snprintf(why, len, "unknown"); return 0;
	}
}

static void fp_simd(char *detail, size_t len)
{
	uint32_t lanes[2], product[2];

	/* The build is soft-float: VFP and NEON only through these instructions. */
	__asm__ volatile(".fpu neon-vfpv4\n\t"
			 "vmov.f64 d0, #1.5\n\tvmov.f64 d1, #2.25\n\tvmul.f64 d2, d0, d1\n\t"
			 "vmov %0, %1, d2\n\t"
			 "vmov.i32 d0, #3\n\tvmov.i32 d1, #4\n\tvadd.i32 d2, d0, d1\n\t"
			 "vmov %2, %3, d2"
			 : "=&r"(product[0]), "=&r"(product[1]), "=&r"(lanes[0]),
			   "=r"(lanes[1])::"d0", "d1", "d2");
	EXPECT_EQ(product[0], 0);
	EXPECT_EQ(product[1], 0x400b0000); /* 3.375 */
	EXPECT_EQ(lanes[0], 7);
	EXPECT_EQ(lanes[1], 7);
	snprintf(detail, len, "VFP multiply, NEON vector add");
}

static void pmu_events(char *detail, size_t len)
{
	unsigned long c0, c1, n = (sysreg_pmcr_el0_read() >> 11) & 0x1f;

	/* PMSELR = 0, PMXEVTYPER = CPU_CYCLES, PMCNTENSET bit 0. */
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 5\n\tisb\n\t"
			 "mcr p15, 0, %1, c9, c13, 1" ::"r"(0ul),
			 "r"(PMU_CPU_CYCLES)
			 : "memory");
	sysreg_pmcntenset_el0_write(1);
	sysreg_pmcr_el0_write(sysreg_pmcr_el0_read() | 1);
	isb();
	__asm__ volatile("mrc p15, 0, %0, c9, c13, 2" : "=r"(c0));
	for (volatile int i = 0; i < 10000; i++)
		;
	__asm__ volatile("mrc p15, 0, %0, c9, c13, 2" : "=r"(c1));
	EXPECT_TRUE(c1 != c0);
	snprintf(detail, len, "counter 0 of %lu, CPU_CYCLES +%lu", n, c1 - c0);
}

static void debug(char *detail, size_t len)
{
	unsigned long v = 0x40801234ul & ~3ul, back;

	/* DBGBVR0, DBGBCR0 (disabled): trapped to HYP if HDCR.TDA were set. */
	__asm__ volatile("mcr p14, 0, %0, c0, c0, 4\n\tisb" ::"r"(v) : "memory");
	__asm__ volatile("mrc p14, 0, %0, c0, c0, 4" : "=r"(back));
	__asm__ volatile("mcr p14, 0, %0, c0, c0, 5\n\tisb" ::"r"(0ul) : "memory");
	EXPECT_EQ(back, v);
	snprintf(detail, len, "DBGBVR0 written and read, DBGBCR0 written");
}

void arch_feature_exercise(enum arch_feature f, char *detail, size_t len)
{
	switch (f) {
	case ARCH_FEATURE_FP_SIMD: fp_simd(detail, len); break;
	case ARCH_FEATURE_PMU_EVENTS: pmu_events(detail, len); break;
	case ARCH_FEATURE_DEBUG: debug(detail, len); break;
	default: break;
	}
}
