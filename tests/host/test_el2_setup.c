// SPDX-License-Identifier: MIT
/*
 * EL2 set-up (arch/arm64/el2_setup.c) on fake CPUs described by their ID
 * registers. The ID field positions and control register bits below are
 * written from the Arm ARM (DDI 0487), independently of el2_setup.c, so a
 * wrong field there shows up here as a wrong feature or a wrong value.
 */
#include <arch/el2_setup.h>
#include <string.h>

#include "fake/fake_cpu.h"

#define F(shift, v) ((uint64_t)(v) << (shift))
#define BIT(n)	    (1ull << (n))

/* HCR_EL2 */
#define HCR_RW	   BIT(31)
#define HCR_E2H	   BIT(34)
#define HCR_APK	   BIT(40)
#define HCR_API	   BIT(41)
#define HCR_ENSCXT BIT(53)
#define HCR_ATA	   BIT(56)
/* CPTR_EL2, E2H == 0: RES1 13, 9, 7:0; TZ 8; TFP 10; TSM 12; TTA 20; TAM 30; TCPAC 31 */
#define CPTR_RES1 0x22ffull
#define CPTR_TZ	  BIT(8)
#define CPTR_TSM  BIT(12)
/* CPTR_EL2, E2H == 1: ZEN 17:16, FPEN 21:20, SMEN 25:24 */
#define CPTR_ZEN  F(16, 3)
#define CPTR_FPEN F(20, 3)
#define CPTR_SMEN F(24, 3)
/* CNTHCTL_EL2: EL1PCTEN/EL1PCEN at 0/1 (E2H 0), at 10/11 (E2H 1) */
#define CNTHCTL_NVHE 0x3ull
#define CNTHCTL_VHE  (BIT(10) | BIT(11))
/* MDCR_EL2 */
#define MDCR_HPMN(n) ((uint64_t)(n)&0x1f)
#define MDCR_E2PB    F(12, 3)
#define MDCR_HPMD    BIT(17)
#define MDCR_E2TB    F(24, 3)
/* SMCR_EL2 */
#define SMCR_LEN_MAX 0xfull
#define SMCR_EZT0    BIT(30)
#define SMCR_FA64    BIT(31)
/* HCRX_EL2 */
#define HCRX_MSCEN  BIT(11)
#define HCRX_TCR2EN BIT(14)
/* HFGRTR_EL2 / HFGWTR_EL2 */
#define HFGXTR_NSMPRI	  BIT(54)
#define HFGXTR_NTPIDR2	  BIT(55)
#define SCTLR_EL1_MMU_OFF 0x30500800ull /* EOS, TSCXT, EIS, nTLSMD, LSMAOE */

struct cpu_model {
	uint64_t midr, mpidr;
	uint64_t pfr0, pfr1, dfr0, isar1, isar2, mmfr0, mmfr1, mmfr3, smfr0, pmcr;
	bool e2h_res1, gic_sre_raz;
};

/* Cortex-A57 (ARMv8.0): no SVE/SME/PAuth/MTE/VHE, PMUv3 with 6 counters, GICv3. */
static const struct cpu_model a57 = {
    .midr = 0x411fd070,
    .mpidr = 0x80000101,
    .pfr0 = F(0, 2) | F(4, 2) | F(8, 2) | F(12, 2) | F(24, 1),
    .dfr0 = 0x10305106, /* PMUVer 1 (PMUv3) */
    .mmfr0 = 0x1124,	/* PARange 44 bits */
    .pmcr = 0x41013000, /* N = 6 */
};
#define A57_COUNTERS 6

/* QEMU's `max`-like ARMv9: SVE, SME (FA64), PAuth, MTE2, FGT, HCX, VHE, ... */
static const struct cpu_model maxcpu = {
    .midr = 0x000f0510,
    .mpidr = 0x80000000,
    .pfr0 = F(0, 1) | F(4, 1) | F(8, 1) | F(12, 1) | F(16, 1) | F(20, 1) | F(24, 1) | F(28, 1) |
	    F(32, 1) /* SVE */ | F(44, 1) /* AMU */ | F(48, 1) | F(56, 2) /* CSV2_2 */ | F(60, 1),
    .pfr1 = F(0, 1) | F(4, 2) | F(8, 2) /* MTE2 */ | F(24, 1) /* SME */,
    .smfr0 = BIT(63) /* FA64 */,
    .dfr0 = F(0, 9) | F(8, 8) /* PMUv3p8 */ | F(32, 3) /* SPE */ | F(44, 1) /* TRBE */,
    .isar1 = F(4, 5) /* APA */ | F(24, 1) /* GPA */,
    .isar2 = F(16, 1) /* MOPS */,
    .mmfr0 = F(0, 5) | F(56, 1) /* FGT */ | F(60, 2) /* ECV */,
    .mmfr1 = F(8, 1) /* VH */ | F(40, 1) /* HCX */,
    .mmfr3 = F(0, 1) /* TCRX */,
    .pmcr = F(11, 20), /* N = 20 */
};
#define MAX_COUNTERS 20

static struct el2_state st;

/* Power on a CPU: ID registers per the model, EL2 controls UNKNOWN. */
static void power_on(const struct cpu_model *m)
{
	fake_cpu_reset();
	for (unsigned r = 0; r < FAKE_NREGS; r++)
		if (fake_reg_writable[r])
			fake_cpu.reg[r] = 0x5a5a5a5a00000000ull | r;
	fake_cpu.reg[FR_hcr_el2] = 0; /* (a reset garbage E2H would be unfair) */
	fake_cpu.reg[FR_midr_el1] = m->midr;
	fake_cpu.reg[FR_mpidr_el1] = m->mpidr;
	fake_cpu.reg[FR_id_aa64pfr0_el1] = m->pfr0;
	fake_cpu.reg[FR_id_aa64pfr1_el1] = m->pfr1;
	fake_cpu.reg[FR_id_aa64dfr0_el1] = m->dfr0;
	fake_cpu.reg[FR_id_aa64isar1_el1] = m->isar1;
	fake_cpu.reg[FR_id_aa64isar2_el1] = m->isar2;
	fake_cpu.reg[FR_id_aa64mmfr0_el1] = m->mmfr0;
	fake_cpu.reg[FR_id_aa64mmfr1_el1] = m->mmfr1;
	fake_cpu.reg[FR_id_aa64mmfr3_el1] = m->mmfr3;
	fake_cpu.reg[FR_id_aa64smfr0_el1] = m->smfr0;
	fake_cpu.reg[FR_pmcr_el0] = m->pmcr;
	fake_cpu.e2h_res1 = m->e2h_res1;
	fake_cpu.gic_sre_raz = m->gic_sre_raz;
}

static void run(const struct cpu_model *m, bool want_gicv3)
{
	power_on(m);
	memset(&st, 0, sizeof(st));
	el2_setup(&st, want_gicv3);
	assert_fake_ok();
}

/* Order rules that hold on every CPU. */
static void assert_common_order(void)
{
	int hcr = fake_log_find(FR_hcr_el2, 0);
	int sctlr1 = fake_log_find(FR_sctlr_el1, 0);

	/* HCR_EL2 first (E2H decides the layout of what follows), then an isb. */
	assert_int_equal(hcr, 0);
	assert_int_equal(fake_cpu.log[1].what, FE_ISB);
	assert_int_equal(fake_cpu.writes[FR_hcr_el2], 1);
	/* SCTLR_EL1 set, and an isb after it before the drop to EL1. */
	assert_true(sctlr1 >= 0);
	assert_true(fake_log_isb_between(sctlr1, (int)fake_cpu.nlog));
	assert_int_equal(fake_cpu.nevents, fake_cpu.nlog); /* log not truncated */
}

static void assert_written_set(const enum fake_reg *regs, unsigned n)
{
	bool expected[FAKE_NSLOTS] = {false};

	for (unsigned i = 0; i < n; i++)
		expected[regs[i]] = true;
	for (unsigned r = 0; r < FAKE_NSLOTS; r++)
		if (expected[r] != (fake_cpu.writes[r] != 0)) {
			fake_log_dump();
			fail_msg("%s %s", fake_slot_name((int)r),
				 expected[r] ? "not written" : "written, expected untouched");
		}
}

static void test_a57(void **state)
{
	static const enum fake_reg written[] = {
	    FR_hcr_el2,	  FR_cptr_el2,	  FR_cnthctl_el2, FR_cntvoff_el2, FR_cnthp_ctl_el2,
	    FR_mdcr_el2,  FR_icc_sre_el2, FR_ich_hcr_el2, FR_hstr_el2,	  FR_vttbr_el2,
	    FR_vpidr_el2, FR_vmpidr_el2,  FR_sctlr_el1,
	};

	(void)state;
	run(&a57, true);
	assert_common_order();
	assert_wrote_once(hcr_el2, HCR_RW);
	assert_int_equal(st.hcr, HCR_RW);
	assert_wrote_once(cptr_el2, CPTR_RES1 | CPTR_TZ | CPTR_TSM);
	assert_int_equal(st.cptr, 0x33ff);
	assert_wrote_once(cnthctl_el2, CNTHCTL_NVHE);
	assert_int_equal(st.cnthctl, 0x3);
	assert_wrote_once(cntvoff_el2, 0);
	assert_wrote_once(cnthp_ctl_el2, 0);
	assert_int_equal(fake_cpu.reg[FR_mdcr_el2] & 0x1f, A57_COUNTERS);
	/* Nothing but HPMN (and HPMD, see test_pmuv3_hpmd_res0) in MDCR_EL2. */
	assert_int_equal(fake_cpu.reg[FR_mdcr_el2] & ~MDCR_HPMD, MDCR_HPMN(A57_COUNTERS));
	assert_int_equal(st.mdcr, fake_cpu.reg[FR_mdcr_el2]);
	assert_int_equal(st.pmu_counters, A57_COUNTERS);
	assert_wrote_once(icc_sre_el2, 0x9);
	assert_int_equal(st.icc_sre, 0x9);
	assert_true(st.gic_sre_ok);
	assert_wrote_once(ich_hcr_el2, 0);
	assert_wrote_once(hstr_el2, 0);
	assert_wrote_once(vttbr_el2, 0);
	assert_wrote_once(vpidr_el2, a57.midr);
	assert_wrote_once(vmpidr_el2, a57.mpidr);
	assert_wrote_once(sctlr_el1, SCTLR_EL1_MMU_OFF);
	assert_int_equal(st.sctlr_el1, 0x30500800);
	assert_written_set(written, sizeof(written) / sizeof(written[0]));
	/* What it found. */
	assert_false(st.feat.e2h_fixed || st.feat.vhe || st.feat.sve || st.feat.sme ||
		     st.feat.pauth || st.feat.mte || st.feat.spe || st.feat.trbe || st.feat.amu ||
		     st.feat.hcx || st.feat.fgt || st.feat.csv2_2 || st.feat.mops || st.feat.tcr2 ||
		     st.feat.ecv || st.feat.sme_fa64);
	assert_true(st.feat.gicv3_sysregs && st.feat.pmu);
}

static void test_max(void **state)
{
	uint64_t hcr = HCR_RW | HCR_API | HCR_APK | HCR_ATA | HCR_ENSCXT;
	int cptr, zcr, smcr;

	(void)state;
	run(&maxcpu, true);
	assert_common_order();
	assert_true(st.feat.sve && st.feat.sme && st.feat.sme_fa64 && st.feat.pauth &&
		    st.feat.mte && st.feat.fgt && st.feat.hcx && st.feat.vhe && st.feat.amu &&
		    st.feat.spe && st.feat.trbe && st.feat.csv2_2 && st.feat.mops && st.feat.tcr2 &&
		    st.feat.ecv && st.feat.pmu && st.feat.gicv3_sysregs);
	assert_false(st.feat.e2h_fixed);
	assert_wrote_once(hcr_el2, hcr);
	assert_int_equal(st.hcr, hcr);
	/* SVE and SME not trapped; the vector lengths set only once CPTR is seen. */
	assert_wrote_once(cptr_el2, CPTR_RES1);
	assert_int_equal(fake_cpu.reg[FR_cptr_el2] & (CPTR_TZ | CPTR_TSM), 0);
	assert_wrote_once(zcr_el2, 0xf);
	assert_wrote_once(smcr_el2, SMCR_LEN_MAX | SMCR_FA64);
	assert_wrote_once(smprimap_el2, 0);
	cptr = fake_log_find(FR_cptr_el2, 0);
	zcr = fake_log_find(FR_zcr_el2, 0);
	smcr = fake_log_find(FR_smcr_el2, 0);
	assert_true(cptr < zcr && fake_log_isb_between(cptr, zcr));
	assert_true(cptr < smcr && fake_log_isb_between(cptr, smcr));
	assert_int_equal(st.cptr, CPTR_RES1);
	/* Timers: nVHE layout (E2H could be cleared), the EL2 virtual timer off. */
	assert_wrote_once(cnthctl_el2, CNTHCTL_NVHE);
	assert_wrote_once(cnthv_ctl_el2, 0);
	/* PMU, SPE, TRBE to EL1. */
	assert_wrote_once(mdcr_el2, MDCR_HPMN(MAX_COUNTERS) | MDCR_HPMD | MDCR_E2PB | MDCR_E2TB);
	assert_int_equal(st.pmu_counters, MAX_COUNTERS);
	assert_wrote_once(pmscr_el2, 0);
	/* HCRX and fine-grained traps. */
	assert_wrote_once(hcrx_el2, HCRX_MSCEN | HCRX_TCR2EN);
	assert_int_equal(st.hcrx, HCRX_MSCEN | HCRX_TCR2EN);
	assert_wrote_once(hfgrtr_el2, HFGXTR_NSMPRI | HFGXTR_NTPIDR2);
	assert_wrote_once(hfgwtr_el2, HFGXTR_NSMPRI | HFGXTR_NTPIDR2);
	assert_wrote_once(hfgitr_el2, 0);
	assert_wrote_once(hdfgrtr_el2, 0);
	assert_wrote_once(hdfgwtr_el2, 0);
	assert_wrote_once(hafgrtr_el2, 0);
	assert_true(st.gic_sre_ok);
	assert_wrote_once(sctlr_el1, SCTLR_EL1_MMU_OFF);
}

/* FGT and HCX without SME, AMU, MOPS or TCR2: those bits and registers stay off. */
static void test_fgt_hcx_minimal(void **state)
{
	struct cpu_model m = a57;

	(void)state;
	m.mmfr0 |= F(56, 1);
	m.mmfr1 |= F(40, 1);
	m.pfr0 |= F(32, 1); /* SVE, no SME */
	run(&m, true);
	assert_common_order();
	assert_wrote_once(hcrx_el2, 0);
	assert_wrote_once(hfgrtr_el2, 0);
	assert_wrote_once(hfgwtr_el2, 0);
	assert_wrote_once(hfgitr_el2, 0);
	assert_not_written(hafgrtr_el2);
	assert_not_written(smcr_el2);
	assert_not_written(smprimap_el2);
	assert_wrote_once(zcr_el2, 0xf);
	assert_wrote_once(cptr_el2, CPTR_RES1 | CPTR_TSM);
}

static void check_e2h_fixed(const struct cpu_model *base, bool sve_sme)
{
	struct cpu_model m = *base;
	uint64_t cptr = CPTR_FPEN | (sve_sme ? CPTR_ZEN | CPTR_SMEN : 0);

	m.e2h_res1 = true;
	run(&m, true);
	assert_common_order();
	assert_true(st.feat.e2h_fixed);
	assert_true(st.hcr & HCR_E2H);
	/* The CPACR-like layout: FP (and SVE, SME) not trapped, nothing else. */
	assert_wrote_once(cptr_el2, cptr);
	assert_int_equal(st.cptr, cptr);
	assert_wrote_once(cnthctl_el2, CNTHCTL_VHE);
	assert_int_equal(st.cnthctl, CNTHCTL_VHE);
	/* SCTLR_EL1 itself (SCTLR_EL12 with E2H = 1), not SCTLR_EL2. */
	assert_wrote_once(sctlr_el1, SCTLR_EL1_MMU_OFF);
	assert_int_equal(st.sctlr_el1, SCTLR_EL1_MMU_OFF);
	assert_not_written(sctlr_el2);
	if (sve_sme) {
		int c = fake_log_find(FR_cptr_el2, 0), z = fake_log_find(FR_zcr_el2, 0);

		assert_true(c < z && fake_log_isb_between(c, z));
		assert_wrote_once(zcr_el2, 0xf);
		assert_true(fake_cpu.writes[FR_smcr_el2] == 1);
	} else {
		assert_not_written(zcr_el2);
		assert_not_written(smcr_el2);
	}
}

static void test_e2h_fixed(void **state)
{
	struct cpu_model apple = a57; /* VHE-only, no SVE/SME (an M1-like CPU) */

	(void)state;
	apple.mmfr1 |= F(8, 1);
	check_e2h_fixed(&maxcpu, true);
	check_e2h_fixed(&apple, false);
}

static void test_gic_sre_reads_zero(void **state)
{
	struct cpu_model m = a57;

	(void)state;
	m.gic_sre_raz = true;
	run(&m, true);
	assert_false(st.gic_sre_ok);
	assert_int_equal(st.icc_sre & 1, 0);
	assert_wrote_once(icc_sre_el2, 0x9); /* it tried */
	assert_not_written(ich_hcr_el2);
}

static void test_no_gicv3_wanted(void **state)
{
	struct cpu_model m = a57;

	(void)state;
	run(&m, false); /* a GICv2 machine with a GICv3-capable CPU */
	assert_false(st.gic_sre_ok);
	assert_not_written(icc_sre_el2);
	assert_not_written(ich_hcr_el2);
	assert_int_equal(fake_cpu.reads[FR_icc_sre_el2], 0);
	/* ... and a CPU without the system register interface. */
	m.pfr0 &= ~F(24, 0xf);
	run(&m, true);
	assert_false(st.gic_sre_ok);
	assert_false(st.feat.gicv3_sysregs);
	assert_not_written(icc_sre_el2);
	assert_not_written(ich_hcr_el2);
}

static void test_no_pmu(void **state)
{
	struct cpu_model m = a57;

	(void)state;
	m.dfr0 &= ~F(8, 0xf);
	run(&m, true);
	assert_false(st.feat.pmu);
	assert_int_equal(fake_cpu.reads[FR_pmcr_el0], 0);
	assert_wrote_once(mdcr_el2, 0);
	/* IMPLEMENTATION DEFINED PMU (PMUVer 0xf): not PMUv3, left alone too. */
	m.dfr0 |= F(8, 0xf);
	run(&m, true);
	assert_false(st.feat.pmu);
	assert_wrote_once(mdcr_el2, 0);
}

/*
 * One ID field at a time, positions from the Arm ARM: exactly the one
 * feature it stands for appears.
 */
enum feat_bit {
	FB_VHE,
	FB_SVE,
	FB_SME,
	FB_SME_FA64,
	FB_PAUTH,
	FB_MTE,
	FB_GIC,
	FB_PMU,
	FB_SPE,
	FB_TRBE,
	FB_AMU,
	FB_HCX,
	FB_FGT,
	FB_CSV2_2,
	FB_MOPS,
	FB_TCR2,
	FB_ECV,
};

static unsigned feature_bits(const struct el2_features *f)
{
	const bool v[] = {
	    [FB_VHE] = f->vhe,		 [FB_SVE] = f->sve,	  [FB_SME] = f->sme,
	    [FB_SME_FA64] = f->sme_fa64, [FB_PAUTH] = f->pauth,	  [FB_MTE] = f->mte,
	    [FB_GIC] = f->gicv3_sysregs, [FB_PMU] = f->pmu,	  [FB_SPE] = f->spe,
	    [FB_TRBE] = f->trbe,	 [FB_AMU] = f->amu,	  [FB_HCX] = f->hcx,
	    [FB_FGT] = f->fgt,		 [FB_CSV2_2] = f->csv2_2, [FB_MOPS] = f->mops,
	    [FB_TCR2] = f->tcr2,	 [FB_ECV] = f->ecv,
	};
	unsigned bits = 0;

	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		bits |= (unsigned)v[i] << i;
	return bits;
}

static void test_id_fields(void **state)
{
	static const struct {
		enum fake_reg reg;
		uint64_t val;
		enum fake_reg reg2;
		uint64_t val2;
		unsigned expect;
		const char *what;
	} cases[] = {
#define FB(x) (1u << FB_##x)
	    {FR_id_aa64pfr0_el1, F(32, 1), 0, 0, FB(SVE), "PFR0.SVE"},
	    {FR_id_aa64pfr0_el1, F(24, 1), 0, 0, FB(GIC), "PFR0.GIC"},
	    {FR_id_aa64pfr0_el1, F(24, 3), 0, 0, FB(GIC), "PFR0.GIC v4.1"},
	    {FR_id_aa64pfr0_el1, F(44, 1), 0, 0, FB(AMU), "PFR0.AMU"},
	    {FR_id_aa64pfr0_el1, F(56, 2), 0, 0, FB(CSV2_2), "PFR0.CSV2 = 2"},
	    {FR_id_aa64pfr0_el1, F(56, 3), 0, 0, FB(CSV2_2), "PFR0.CSV2 = 3"},
	    {FR_id_aa64pfr0_el1, F(56, 1), 0, 0, 0, "PFR0.CSV2 = 1"},
	    {FR_id_aa64pfr0_el1,
	     0x1111 | F(16, 1) | F(20, 1) | F(28, 1) | F(36, 1) | F(40, 1) | F(48, 1) | F(52, 1) |
		 F(60, 1),
	     0, 0, 0, "PFR0 other fields"},
	    {FR_id_aa64pfr1_el1, F(24, 1), 0, 0, FB(SME), "PFR1.SME"},
	    {FR_id_aa64pfr1_el1, F(24, 2), 0, 0, FB(SME), "PFR1.SME = 2"},
	    {FR_id_aa64pfr1_el1, F(24, 1), FR_id_aa64smfr0_el1, BIT(63), FB(SME) | FB(SME_FA64),
	     "SME with SMFR0.FA64"},
	    {FR_id_aa64smfr0_el1, BIT(63), 0, 0, 0, "SMFR0.FA64 without SME"},
	    {FR_id_aa64pfr1_el1, F(8, 1), 0, 0, 0, "PFR1.MTE = 1 (no tags in memory)"},
	    {FR_id_aa64pfr1_el1, F(8, 2), 0, 0, FB(MTE), "PFR1.MTE = 2"},
	    {FR_id_aa64pfr1_el1, F(8, 3), 0, 0, FB(MTE), "PFR1.MTE = 3"},
	    {FR_id_aa64pfr1_el1, F(0, 1) | F(4, 2) | F(12, 1) | F(16, 1) | F(28, 1) | F(32, 2), 0,
	     0, 0, "PFR1 other fields"},
	    {FR_id_aa64isar1_el1, F(4, 1), 0, 0, FB(PAUTH), "ISAR1.APA"},
	    {FR_id_aa64isar1_el1, F(8, 1), 0, 0, FB(PAUTH), "ISAR1.API"},
	    {FR_id_aa64isar1_el1, F(24, 1), 0, 0, FB(PAUTH), "ISAR1.GPA"},
	    {FR_id_aa64isar1_el1, F(28, 1), 0, 0, FB(PAUTH), "ISAR1.GPI"},
	    {FR_id_aa64isar1_el1, F(0, 2) | F(12, 1) | F(16, 1) | F(20, 3) | F(32, 1) | F(36, 1), 0,
	     0, 0, "ISAR1 other fields"},
	    {FR_id_aa64isar2_el1, F(12, 1), 0, 0, FB(PAUTH), "ISAR2.APA3"},
	    {FR_id_aa64isar2_el1, F(8, 1), 0, 0, FB(PAUTH), "ISAR2.GPA3"},
	    {FR_id_aa64isar2_el1, F(16, 1), 0, 0, FB(MOPS), "ISAR2.MOPS"},
	    {FR_id_aa64isar2_el1, F(0, 1) | F(4, 1) | F(20, 1) | F(28, 1), 0, 0, 0,
	     "ISAR2 other fields"},
	    {FR_id_aa64dfr0_el1, F(8, 1), 0, 0, FB(PMU), "DFR0.PMUVer = PMUv3"},
	    {FR_id_aa64dfr0_el1, F(8, 4), 0, 0, FB(PMU), "DFR0.PMUVer = PMUv3p1"},
	    {FR_id_aa64dfr0_el1, F(8, 0xf), 0, 0, 0, "DFR0.PMUVer = IMPDEF"},
	    {FR_id_aa64dfr0_el1, F(32, 1), 0, 0, FB(SPE), "DFR0.PMSVer"},
	    {FR_id_aa64dfr0_el1, F(44, 1), 0, 0, FB(TRBE), "DFR0.TraceBuffer"},
	    {FR_id_aa64dfr0_el1, F(0, 6) | F(4, 1) | F(12, 5) | F(20, 3) | F(28, 1) | F(40, 1), 0,
	     0, 0, "DFR0 other fields (TraceFilt, BRPs, ...)"},
	    {FR_id_aa64mmfr0_el1, F(56, 1), 0, 0, FB(FGT), "MMFR0.FGT"},
	    {FR_id_aa64mmfr0_el1, F(60, 1), 0, 0, FB(ECV), "MMFR0.ECV"},
	    {FR_id_aa64mmfr0_el1, 0x00001222ff0f1126ull, 0, 0, 0, "MMFR0 other fields"},
	    {FR_id_aa64mmfr1_el1, F(8, 1), 0, 0, FB(VHE), "MMFR1.VH"},
	    {FR_id_aa64mmfr1_el1, F(40, 1), 0, 0, FB(HCX), "MMFR1.HCX"},
	    {FR_id_aa64mmfr1_el1,
	     F(0, 2) | F(4, 2) | F(12, 1) | F(16, 1) | F(20, 3) | F(36, 1) | F(44, 1), 0, 0, 0,
	     "MMFR1 other fields"},
	    {FR_id_aa64mmfr3_el1, F(0, 1), 0, 0, FB(TCR2), "MMFR3.TCRX"},
	    {FR_id_aa64mmfr3_el1, F(4, 1), 0, 0, 0, "MMFR3.SCTLRX"},
#undef FB
	};

	(void)state;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct el2_features f;
		unsigned got;

		fake_cpu_reset();
		fake_cpu.reg[cases[i].reg] = cases[i].val;
		if (cases[i].reg2)
			fake_cpu.reg[cases[i].reg2] = cases[i].val2;
		memset(&f, 0, sizeof(f));
		el2_read_features(&f);
		got = feature_bits(&f);
		if (got != cases[i].expect)
			fail_msg("%s: features 0x%x, expected 0x%x", cases[i].what, got,
				 cases[i].expect);
		assert_int_equal(fake_cpu.nwrites, 0);
		assert_fake_ok();
	}
}

/* --- Bugs found while writing these tests (see the report). --- */

/*
 * el2_setup() leaves st->pmu_counters, st->hcrx and st->icc_sre as they
 * were when the CPU lacks the feature; boot/main.c passes an uninitialised
 * struct and prints pmu_counters.
 */
static void test_state_fully_written(void **state)
{
	struct cpu_model m = a57;

	(void)state;

	m.dfr0 &= ~F(8, 0xf); /* no PMU, no HCX, no GICv3 wanted */
	power_on(&m);
	memset(&st, 0xa5, sizeof(st));
	el2_setup(&st, false);
	assert_int_equal(st.pmu_counters, 0);
	assert_int_equal(st.hcrx, 0);
	assert_int_equal(st.icc_sre, 0);
}

/* MDCR_EL2.HPMD (bit 17) is RES0 without FEAT_PMUv3p1 (PMUVer < 4). */
static void test_pmuv3_hpmd_res0(void **state)
{
	(void)state;

	run(&a57, true);
	assert_int_equal(fake_cpu.reg[FR_mdcr_el2], MDCR_HPMN(A57_COUNTERS));
}

/* SME2 (ID_AA64PFR1_EL1.SME >= 2): ZT0 must not stay trapped by SMCR_EL2.EZT0. */
static void test_sme2_ezt0(void **state)
{
	struct cpu_model m = maxcpu;

	(void)state;

	m.pfr1 = (m.pfr1 & ~F(24, 0xf)) | F(24, 2);
	run(&m, true);
	assert_int_equal(fake_cpu.reg[FR_smcr_el2], SMCR_LEN_MAX | SMCR_FA64 | SMCR_EZT0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a57),
	    cmocka_unit_test(test_max),
	    cmocka_unit_test(test_fgt_hcx_minimal),
	    cmocka_unit_test(test_e2h_fixed),
	    cmocka_unit_test(test_gic_sre_reads_zero),
	    cmocka_unit_test(test_no_gicv3_wanted),
	    cmocka_unit_test(test_no_pmu),
	    cmocka_unit_test(test_id_fields),
	    cmocka_unit_test(test_state_fully_written),
	    cmocka_unit_test(test_pmuv3_hpmd_res0),
	    cmocka_unit_test(test_sme2_ezt0),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("el2_setup", tests, NULL, NULL);
}
