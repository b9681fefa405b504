// SPDX-License-Identifier: MIT
/*
 * EL2 set-up before the drop to EL1: every control register that could
 * trap or distort what EL1 sees is written to a known value, and every
 * feature is checked in the ID registers before its register is touched.
 * The aim is an EL1 that owns the CPU exactly as if EL2 did not exist.
 */
#include <arch/el2_setup.h>
#include <arch/sysreg.h>
#include <hypstub/nolibc.h>

/* HCR_EL2 */
#define HCR_RW	   (1ul << 31) /* EL1 runs AArch64 */
#define HCR_E2H	   (1ul << 34) /* host at EL2 (VHE); we want it clear */
#define HCR_APK	   (1ul << 40) /* pointer auth key registers not trapped */
#define HCR_API	   (1ul << 41) /* pointer auth instructions not trapped */
#define HCR_ENSCXT (1ul << 53) /* SCXTNUM_ELx not trapped */
#define HCR_ATA	   (1ul << 56) /* MTE tag accesses not trapped */

/* CPTR_EL2, E2H == 0 layout */
#define CPTR_NVHE_RES1 0x000022fful /* bits 13, 9 and 7:0 */
#define CPTR_NVHE_TZ   (1ul << 8)   /* traps SVE; RES1 without SVE */
#define CPTR_NVHE_TSM  (1ul << 12)  /* traps SME; RES1 without SME */
/* CPTR_EL2, E2H == 1 layout (the CPACR_EL1 one) */
#define CPTR_VHE_ZEN  (3ul << 16) /* SVE not trapped at EL0/EL1/EL2 */
#define CPTR_VHE_FPEN (3ul << 20) /* FP/SIMD not trapped */
#define CPTR_VHE_SMEN (3ul << 24) /* SME not trapped */

/* CNTHCTL_EL2 */
#define CNTHCTL_EL1PCTEN_NVHE (1ul << 0)  /* EL1 reads the physical counter */
#define CNTHCTL_EL1PCEN_NVHE  (1ul << 1)  /* EL1 owns the physical timer */
#define CNTHCTL_EL1PCTEN_VHE  (1ul << 10) /* the same, E2H == 1 layout */
#define CNTHCTL_EL1PCEN_VHE   (1ul << 11)

/* MDCR_EL2 */
#define MDCR_HPMN_MASK 0x1ful
#define MDCR_E2PB_EL1  (3ul << 12) /* profiling buffer owned by EL1, untrapped */
#define MDCR_HPMD      (1ul << 17) /* no event counting at EL2 */
#define MDCR_E2TB_EL1  (3ul << 24) /* trace buffer owned by EL1, untrapped */

/* ICC_SRE_EL2 */
#define ICC_SRE_SRE    (1ul << 0) /* system register interface at EL2 */
#define ICC_SRE_ENABLE (1ul << 3) /* EL1 may use ICC_SRE_EL1 */

/* HCRX_EL2 */
#define HCRX_MSCEN  (1ul << 11) /* FEAT_MOPS instructions usable at EL1/EL0 */
#define HCRX_TCR2EN (1ul << 14) /* TCR2_EL1 usable */

/* HFGRTR_EL2/HFGWTR_EL2 negative-polarity bits: 1 means "not trapped". */
#define HFGXTR_NSMPRI_EL1  (1ul << 54)
#define HFGXTR_NTPIDR2_EL0 (1ul << 55)

/* SMCR_EL2 / ZCR_EL2 */
#define VL_LEN_MAX 0xful       /* ask for the largest vector length */
#define SMCR_FA64  (1ul << 31) /* full A64 in streaming mode */
#define SMCR_EZT0  (1ul << 30) /* SME2's ZT0 register not trapped */

/* SCTLR_EL1 with the MMU and caches off, little-endian: the RES1 bits of
 * every revision (LSMAOE, nTLSMD, EIS, TSCXT, EOS) and nothing else. */
#define SCTLR_EL1_MMU_OFF 0x30500800ul

void el2_read_features(struct el2_features *f)
{
	uint64_t pfr0 = sysreg_id_aa64pfr0_el1_read();
	uint64_t pfr1 = sysreg_id_aa64pfr1_el1_read();
	uint64_t dfr0 = sysreg_id_aa64dfr0_el1_read();
	uint64_t isar1 = sysreg_id_aa64isar1_el1_read();
	uint64_t isar2 = sysreg_id_aa64isar2_el1_read();
	uint64_t mmfr0 = sysreg_id_aa64mmfr0_el1_read();
	uint64_t mmfr1 = sysreg_id_aa64mmfr1_el1_read();
	unsigned pmuver = id_field(dfr0, 8);

	f->sve = id_field(pfr0, 32) != 0;
	f->gicv3_sysregs = id_field(pfr0, 24) != 0;
	f->amu = id_field(pfr0, 44) != 0;
	/* SCXTNUM_ELx exist with CSV2 >= 2, or CSV2 == 1 and CSV2_frac >= 2. */
	f->csv2_2 = id_field(pfr0, 56) >= 2 || (id_field(pfr0, 56) == 1 && id_field(pfr1, 32) >= 2);
	f->sme = id_field(pfr1, 24) != 0;
	f->sme2 = id_field(pfr1, 24) >= 2;
	f->sme_fa64 = f->sme && (sysreg_id_aa64smfr0_el1_read() >> 63) != 0;
	f->mte = id_field(pfr1, 8) >= 2;
	/* APA, API, GPA, GPI in ISAR1; APA3, GPA3 in ISAR2. */
	f->pauth = id_field(isar1, 4) || id_field(isar1, 8) || id_field(isar1, 24) ||
		   id_field(isar1, 28) || id_field(isar2, 12) || id_field(isar2, 8);
	f->mops = id_field(isar2, 16) != 0;
	f->pmu = pmuver != 0 && pmuver != 0xf;
	f->pmuv3p1 = f->pmu && pmuver >= 4;
	f->spe = id_field(dfr0, 32) != 0;
	f->trbe = id_field(dfr0, 44) != 0;
	f->vhe = id_field(mmfr1, 8) != 0;
	f->hcx = id_field(mmfr1, 40) != 0;
	f->ecv = id_field(mmfr0, 60) != 0;
	f->fgt = id_field(mmfr0, 56) != 0;
	f->tcr2 = id_field(sysreg_id_aa64mmfr3_el1_read(), 0) != 0;
}

static uint64_t el2_setup_hcr(struct el2_state *st)
{
	const struct el2_features *f = &st->feat;
	uint64_t hcr = HCR_RW;

	if (f->pauth)
		hcr |= HCR_API | HCR_APK;
	if (f->mte)
		hcr |= HCR_ATA;
	if (f->csv2_2)
		hcr |= HCR_ENSCXT;
	sysreg_hcr_el2_write(hcr);
	isb();
	/* A CPU without FEAT_E2H0 keeps E2H at 1: use the VHE layouts then. */
	st->feat.e2h_fixed = (sysreg_hcr_el2_read() & HCR_E2H) != 0;
	return sysreg_hcr_el2_read();
}

static void el2_setup_fp_vectors(struct el2_state *st)
{
	const struct el2_features *f = &st->feat;
	uint64_t cptr;

	if (f->e2h_fixed) {
		cptr = CPTR_VHE_FPEN;
		if (f->sve)
			cptr |= CPTR_VHE_ZEN;
		if (f->sme)
			cptr |= CPTR_VHE_SMEN;
	} else {
		cptr = CPTR_NVHE_RES1;
		if (!f->sve)
			cptr |= CPTR_NVHE_TZ;
		if (!f->sme)
			cptr |= CPTR_NVHE_TSM;
	}
	sysreg_cptr_el2_write(cptr);
	/* ZCR_EL2/SMCR_EL2 are trapped until the CPTR_EL2 write is seen. */
	isb();
	if (f->sve)
		sysreg_zcr_el2_write(VL_LEN_MAX);
	if (f->sme) {
		sysreg_smcr_el2_write(VL_LEN_MAX | (f->sme_fa64 ? SMCR_FA64 : 0) |
				      (f->sme2 ? SMCR_EZT0 : 0));
		/* Streaming priority mapping: identity, nothing special. */
		sysreg_smprimap_el2_write(0);
	}
	st->cptr = sysreg_cptr_el2_read();
}

static void el2_setup_timers(struct el2_state *st)
{
	uint64_t cnthctl = st->feat.e2h_fixed ? CNTHCTL_EL1PCTEN_VHE | CNTHCTL_EL1PCEN_VHE
					      : CNTHCTL_EL1PCTEN_NVHE | CNTHCTL_EL1PCEN_NVHE;

	/* ECV, EVNT* and the EL1 virtual-timer traps all stay zero. */
	sysreg_cnthctl_el2_write(cnthctl);
	/* The virtual counter equals the physical one, as EL1 expects. */
	sysreg_cntvoff_el2_write(0);
	/* EL2's own timers off: nothing may fire for a level nobody serves. */
	sysreg_cnthp_ctl_el2_write(0);
	if (st->feat.vhe)
		sysreg_cnthv_ctl_el2_write(0);
	st->cnthctl = sysreg_cnthctl_el2_read();
}

static void el2_setup_debug_pmu(struct el2_state *st)
{
	const struct el2_features *f = &st->feat;
	uint64_t mdcr = 0; /* no debug, trace or PMU register traps */

	if (f->pmu) {
		/* HPMN = PMCR_EL0.N: every event counter belongs to EL1. */
		st->pmu_counters = (unsigned)(sysreg_pmcr_el0_read() >> 11) & 0x1f;
		mdcr |= st->pmu_counters & MDCR_HPMN_MASK;
		/* HPMD exists from PMUv3p1 on (RES0 before). */
		if (f->pmuv3p1)
			mdcr |= MDCR_HPMD;
	}
	if (f->spe) {
		mdcr |= MDCR_E2PB_EL1;
		/* No profiling of EL2 itself. */
		sysreg_pmscr_el2_write(0);
	}
	if (f->trbe)
		mdcr |= MDCR_E2TB_EL1;
	sysreg_mdcr_el2_write(mdcr);
	st->mdcr = sysreg_mdcr_el2_read();
}

static void el2_setup_gic(struct el2_state *st, bool want_gicv3)
{
	st->gic_sre_ok = false;
	if (!want_gicv3 || !st->feat.gicv3_sysregs)
		return;
	sysreg_icc_sre_el2_write(ICC_SRE_SRE | ICC_SRE_ENABLE);
	isb();
	st->icc_sre = sysreg_icc_sre_el2_read();
	st->gic_sre_ok = (st->icc_sre & ICC_SRE_SRE) != 0;
	/* Virtual CPU interface off: EL1 talks to the real one. */
	if (st->gic_sre_ok)
		sysreg_ich_hcr_el2_write(0);
}

static void el2_setup_traps(struct el2_state *st)
{
	const struct el2_features *f = &st->feat;

	/* No AArch32 CP15 register traps. */
	sysreg_hstr_el2_write(0);
	/* Stage 2 unused: VMID 0, no table. */
	sysreg_vttbr_el2_write(0);
	/* EL1 reads of MIDR/MPIDR see the real values, not an UNKNOWN reset. */
	sysreg_vpidr_el2_write(sysreg_midr_el1_read());
	sysreg_vmpidr_el2_write(sysreg_mpidr_el1_read());
	if (f->hcx) {
		uint64_t hcrx = 0;

		if (f->mops)
			hcrx |= HCRX_MSCEN;
		if (f->tcr2)
			hcrx |= HCRX_TCR2EN;
		sysreg_hcrx_el2_write(hcrx);
		st->hcrx = sysreg_hcrx_el2_read();
	}
	if (f->fgt) {
		/* Positive-polarity traps all off; the negative ones released
		 * for the features present. */
		uint64_t nbits = f->sme ? HFGXTR_NSMPRI_EL1 | HFGXTR_NTPIDR2_EL0 : 0;

		sysreg_hfgrtr_el2_write(nbits);
		sysreg_hfgwtr_el2_write(nbits);
		sysreg_hfgitr_el2_write(0);
		sysreg_hdfgrtr_el2_write(0);
		sysreg_hdfgwtr_el2_write(0);
		if (f->amu)
			sysreg_hafgrtr_el2_write(0);
	}
}

void el2_setup(struct el2_state *st, bool want_gicv3)
{
	hs_clear(st, sizeof(*st));
	el2_read_features(&st->feat);
	/* HCR_EL2 first: E2H decides the layout of the registers below. */
	st->hcr = el2_setup_hcr(st);
	el2_setup_fp_vectors(st);
	el2_setup_timers(st);
	el2_setup_debug_pmu(st);
	el2_setup_gic(st, want_gicv3);
	el2_setup_traps(st);
	/* With E2H = 1, "SCTLR_EL1" at EL2 means SCTLR_EL2: use the EL12 name. */
	if (st->feat.e2h_fixed) {
		sysreg_sctlr_el12_write(SCTLR_EL1_MMU_OFF);
		st->sctlr_el1 = sysreg_sctlr_el12_read();
	} else {
		sysreg_sctlr_el1_write(SCTLR_EL1_MMU_OFF);
		st->sctlr_el1 = sysreg_sctlr_el1_read();
	}
	isb();
}
