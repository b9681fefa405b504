// SPDX-License-Identifier: MIT
/*
 * arm64 side of the features suite: each feature's ID register field and
 * a use of it at EL1. Where the shim's EL2 set-up could hold a feature
 * back (a trap, a shorter vector length), the use is one that would show
 * it: SVE and SME run at the largest vector length the CPU has, measured
 * at EL2 with ZCR_EL2/SMCR_EL2 opened fully for the measurement.
 */
#include <arch/sysreg.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <stdio.h>

#include "../arch_features.h"
#include "../harness.h"

#define MRS(name)                                             \
	({                                                    \
		uint64_t v_;                                  \
		__asm__ volatile("mrs %0, " name : "=r"(v_)); \
		v_;                                           \
	})
#define MSR(name, v) __asm__ volatile("msr " name ", %0\n\tisb" ::"r"((uint64_t)(v)) : "memory")

/* Register names the assembler may not know, by encoding (Arm ARM). */
#define ZCR_EL1	       "s3_0_c1_c2_0"
#define SMCR_EL1       "s3_0_c1_c2_6"
#define APIAKEYLO_EL1  "s3_0_c2_c1_0"
#define APIAKEYHI_EL1  "s3_0_c2_c1_1"
#define APGAKEYLO_EL1  "s3_0_c2_c3_0"
#define APGAKEYHI_EL1  "s3_0_c2_c3_1"
#define GCR_EL1	       "s3_0_c1_c0_6"
#define RGSR_EL1       "s3_0_c1_c0_5"
#define TFSR_EL1       "s3_0_c5_c6_0"
#define TFSRE0_EL1     "s3_0_c5_c6_1"
#define PMEVTYPER0_EL0 "pmevtyper0_el0"
#define PMEVCNTR0_EL0  "pmevcntr0_el0"
#define DBGBVR0_EL1    "dbgbvr0_el1"
#define DBGBCR0_EL1    "dbgbcr0_el1"
#define OSLAR_EL1      "oslar_el1"

#define CPACR_ZEN      (3ul << 16)
#define CPACR_SMEN     (3ul << 24)
#define SCTLR_ENIA     (1ul << 31)
#define SCTLR_ATA      (1ul << 43)
#define MDSCR_KDE      (1ul << 13)
#define MDSCR_MDE      (1ul << 15)
#define EC_BKPT_CUREL  0x31u
#define PMU_CPU_CYCLES 0x11ul

uint64_t feat_sve_vl_bytes(void);
uint64_t feat_sve_index_sum(void);
uint64_t feat_sme_streaming(uint64_t *active);
uint64_t feat_sme_svl_bytes(void);
uint64_t feat_pacia(uint64_t ptr, uint64_t modifier);
uint64_t feat_autia(uint64_t ptr, uint64_t modifier);
uint64_t feat_pacga(uint64_t a, uint64_t b);
uint64_t feat_mte_insns(uint64_t ptr);
uint64_t feat_mte_stg_ldg(void *granule);

static unsigned field(uint64_t reg, unsigned shift)
{
	return (unsigned)((reg >> shift) & 0xf);
}

int arch_feature_present(enum arch_feature f, char *why, size_t len)
{
	uint64_t pfr0 = sysreg_id_aa64pfr0_el1_read(), pfr1 = sysreg_id_aa64pfr1_el1_read();
	uint64_t dfr0 = sysreg_id_aa64dfr0_el1_read();
	uint64_t isar1 = MRS("id_aa64isar1_el1"), isar2 = MRS("s3_0_c0_c6_2");
	unsigned v;

	switch (f) {
	case ARCH_FEATURE_FP_SIMD:
		snprintf(why, len, "ID_AA64PFR0_EL1.FP=%u AdvSIMD=%u", field(pfr0, 16),
			 field(pfr0, 20));
		return field(pfr0, 16) != 0xf && field(pfr0, 20) != 0xf;
	case ARCH_FEATURE_SVE:
		snprintf(why, len, "ID_AA64PFR0_EL1.SVE=%u", field(pfr0, 32));
		return field(pfr0, 32) != 0;
	case ARCH_FEATURE_SME:
		snprintf(why, len, "ID_AA64PFR1_EL1.SME=%u", field(pfr1, 24));
		return field(pfr1, 24) != 0;
	case ARCH_FEATURE_PAUTH:
		v = field(isar1, 4) | field(isar1, 8) | field(isar1, 24) | field(isar1, 28) |
		    field(isar2, 8) | field(isar2, 12);
		snprintf(why, len, "ID_AA64ISAR1_EL1.APA=%u API=%u GPA=%u GPI=%u ISAR2.APA3=%u",
			 field(isar1, 4), field(isar1, 8), field(isar1, 24), field(isar1, 28),
			 field(isar2, 12));
		return v != 0;
	case ARCH_FEATURE_MTE:
		snprintf(why, len, "ID_AA64PFR1_EL1.MTE=%u", field(pfr1, 8));
		return field(pfr1, 8) != 0;
	case ARCH_FEATURE_GICV3:
		snprintf(why, len, "ID_AA64PFR0_EL1.GIC=%u, machine GICv%u", field(pfr0, 24),
			 rt_platform.gic_version);
		return field(pfr0, 24) != 0 && rt_platform.gic_version == 3;
	case ARCH_FEATURE_TIMERS: snprintf(why, len, "AArch64: always"); return 1;
	case ARCH_FEATURE_PMU_CYCLES:
	case ARCH_FEATURE_PMU_EVENTS:
		v = field(dfr0, 8);
		snprintf(why, len, "ID_AA64DFR0_EL1.PMUVer=%u", v);
		return v != 0 && v != 0xf;
	case ARCH_FEATURE_DEBUG:
		snprintf(why, len, "ID_AA64DFR0_EL1.DebugVer=%u BRPs=%u", field(dfr0, 0),
			 field(dfr0, 12) + 1);
		return field(dfr0, 0) >= 6;
	default: snprintf(why, len, "unknown"); return 0;
	}
}

static void fp_simd(char *detail, size_t len)
{
	volatile double a = 1.5, b = 2.25;
	uint64_t lo, hi;

	EXPECT_TRUE(a * b == 3.375);
	__asm__ volatile("movi v0.4s, #3\n\tmovi v1.4s, #4\n\tadd v2.4s, v0.4s, v1.4s\n\t"
			 "mov %0, v2.d[0]\n\tmov %1, v2.d[1]"
			 : "=r"(lo), "=r"(hi)::"v0", "v1", "v2");
	EXPECT_EQ(lo, 0x0000000700000007ull);
	EXPECT_EQ(hi, 0x0000000700000007ull);
	snprintf(detail, len, "fmul, vector add");
}

/* At EL2: the largest SVE vector length, ZCR_EL2.LEN opened fully for the measurement. */
static unsigned long sve_max_vl(unsigned long unused)
{
	uint64_t zcr = sysreg_zcr_el2_read(), vl;

	(void)unused;
	sysreg_zcr_el2_write(0xf);
	isb();
	vl = feat_sve_vl_bytes();
	sysreg_zcr_el2_write(zcr);
	isb();
	return vl;
}

static void sve(char *detail, size_t len)
{
	uint64_t vl, max = rt_el2_call(sve_max_vl, 0), want = 0;

	sysreg_cpacr_el1_write(sysreg_cpacr_el1_read() | CPACR_ZEN);
	isb();
	MSR(ZCR_EL1, 0xf);
	vl = feat_sve_vl_bytes();
	for (uint64_t i = 0; i < vl; i++)
		want += (i + 1) & 0xff;
	EXPECT_EQ(feat_sve_index_sum(), want);
	/* The largest the CPU has: EL2 (ZCR_EL2) does not hold EL1 back. */
	EXPECT_EQ(vl, max);
	snprintf(detail, len, "VL %llu bits (largest %llu)", (unsigned long long)vl * 8,
		 (unsigned long long)max * 8);
}

static unsigned long sme_max_svl(unsigned long unused)
{
	uint64_t smcr = sysreg_smcr_el2_read(), svl;

	(void)unused;
	sysreg_smcr_el2_write(smcr | 0xf);
	isb();
	svl = feat_sme_svl_bytes();
	sysreg_smcr_el2_write(smcr);
	isb();
	return svl;
}

static void sme(char *detail, size_t len)
{
	uint64_t svl, active = 0, max = rt_el2_call(sme_max_svl, 0);

	sysreg_cpacr_el1_write(sysreg_cpacr_el1_read() | CPACR_SMEN);
	isb();
	MSR(SMCR_EL1, MRS(SMCR_EL1) | 0xf);
	svl = feat_sme_streaming(&active);
	EXPECT_EQ(active, svl);
	EXPECT_EQ(svl, max);
	snprintf(detail, len, "streaming VL %llu bits (largest %llu), ZA zeroed",
		 (unsigned long long)svl * 8, (unsigned long long)max * 8);
}

static void pauth(char *detail, size_t len)
{
	uint64_t sctlr = sysreg_sctlr_el1_read(), tcr = sysreg_tcr_el1_read();
	uint64_t ptr = 0x40801230, signed_ptr, back, wrong, mac;

	/* The key registers trap to EL2 unless HCR_EL2.APK is set. */
	MSR(APIAKEYLO_EL1, rt_random());
	MSR(APIAKEYHI_EL1, rt_random());
	MSR(APGAKEYLO_EL1, rt_random());
	MSR(APGAKEYHI_EL1, rt_random());
	/* 48-bit address spaces, so that a pointer has room for a PAC. */
	sysreg_tcr_el1_write(16ul | 16ul << 16);
	sysreg_sctlr_el1_write(sctlr | SCTLR_ENIA);
	isb();
	/* The instructions trap to EL2 unless HCR_EL2.API is set. */
	signed_ptr = feat_pacia(ptr, 0x1234);
	back = feat_autia(signed_ptr, 0x1234);
	wrong = feat_autia(signed_ptr, 0x4321);
	mac = feat_pacga(ptr, 0x1234);
	sysreg_sctlr_el1_write(sctlr);
	sysreg_tcr_el1_write(tcr);
	isb();
	EXPECT_NE(signed_ptr, ptr);
	EXPECT_EQ(back, ptr);
	EXPECT_NE(wrong, ptr);
	EXPECT_NE(mac, 0);
	snprintf(detail, len, "pacia/autia, pacga, keys written");
}

static void mte(char *detail, size_t len)
{
	static uint8_t granule[32] __attribute__((aligned(16)));
	unsigned level = field(sysreg_id_aa64pfr1_el1_read(), 8);
	uint64_t sctlr = sysreg_sctlr_el1_read();

	EXPECT_EQ(feat_mte_insns((uintptr_t)granule), 16);
	if (level < 2) {
		snprintf(detail, len, "MTE %u: irg, addg, subp, gmi (no tag storage)", level);
		return;
	}
	/* GCR_EL1, RGSR_EL1, TFSR*_EL1 trap to EL2 unless HCR_EL2.ATA is set. */
	MSR(GCR_EL1, 0);
	MSR(RGSR_EL1, 0x1230);
	(void)MRS(TFSR_EL1);
	(void)MRS(TFSRE0_EL1);
	sysreg_sctlr_el1_write(sctlr | SCTLR_ATA);
	isb();
	/* With the EL1 MMU off memory is Device (untagged): the tag reads as 0. */
	(void)feat_mte_stg_ldg(granule);
	sysreg_sctlr_el1_write(sctlr);
	isb();
	snprintf(detail, len, "MTE %u: tag registers, irg, addg, subp, gmi, stg, ldg", level);
}

static void pmu_events(char *detail, size_t len)
{
	uint64_t c0, c1;

	MSR(PMEVTYPER0_EL0, PMU_CPU_CYCLES);
	sysreg_pmcntenset_el0_write(1);
	sysreg_pmcr_el0_write(sysreg_pmcr_el0_read() | 1);
	isb();
	c0 = MRS(PMEVCNTR0_EL0);
	for (volatile int i = 0; i < 10000; i++)
		;
	c1 = MRS(PMEVCNTR0_EL0);
	EXPECT_TRUE(c1 != c0);
	snprintf(detail, len, "counter 0 of %lu, CPU_CYCLES +%llu",
		 (sysreg_pmcr_el0_read() >> 11) & 0x1f, (unsigned long long)(uint32_t)(c1 - c0));
}

static volatile unsigned long bkpt_class = ~0ul;

static bool bkpt_hook(struct hs_exc_frame *f)
{
	bkpt_class = RT_ESR_CLASS(f->esr);
	MSR(DBGBCR0_EL1, 0); /* off, so that the instruction runs when resumed */
	return true;
}

static __attribute__((noinline)) int bkpt_target(int x)
{
	__asm__ volatile("" ::: "memory");
	return x + 1;
}

static void debug(char *detail, size_t len)
{
	uint64_t mdscr = sysreg_mdscr_el1_read();

	/* The debug registers trap to EL2 if MDCR_EL2.TDA is set; debug
	 * exceptions go to EL2 if MDCR_EL2.TDE is: a hardware breakpoint
	 * at EL1 must reach EL1's own vectors. */
	MSR(OSLAR_EL1, 0);
	MSR(DBGBVR0_EL1, (uintptr_t)bkpt_target);
	EXPECT_EQ(MRS(DBGBVR0_EL1), (uintptr_t)bkpt_target);
	rt_set_sync_hook(bkpt_hook);
	sysreg_mdscr_el1_write(mdscr | MDSCR_KDE | MDSCR_MDE);
	/* E, PMC = EL1, BAS = all of the A64 instruction. */
	MSR(DBGBCR0_EL1, 1ul | 1ul << 1 | 0xful << 5);
	__asm__ volatile("msr daifclr, #8\n\tisb" ::: "memory");
	EXPECT_EQ(bkpt_target(41), 42);
	__asm__ volatile("msr daifset, #8\n\tisb" ::: "memory");
	MSR(DBGBCR0_EL1, 0);
	sysreg_mdscr_el1_write(mdscr);
	isb();
	rt_set_sync_hook(NULL);
	EXPECT_EQ(bkpt_class, EC_BKPT_CUREL);
	snprintf(detail, len, "DBGBVR0/DBGBCR0, breakpoint taken at EL1 (class 0x%lx)", bkpt_class);
}

void arch_feature_exercise(enum arch_feature f, char *detail, size_t len)
{
	switch (f) {
	case ARCH_FEATURE_FP_SIMD: fp_simd(detail, len); break;
	case ARCH_FEATURE_SVE: sve(detail, len); break;
	case ARCH_FEATURE_SME: sme(detail, len); break;
	case ARCH_FEATURE_PAUTH: pauth(detail, len); break;
	case ARCH_FEATURE_MTE: mte(detail, len); break;
	case ARCH_FEATURE_PMU_EVENTS: pmu_events(detail, len); break;
	case ARCH_FEATURE_DEBUG: debug(detail, len); break;
	default: break;
	}
}
