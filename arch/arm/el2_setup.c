// SPDX-License-Identifier: MIT
/*
 * HYP mode set-up before the drop to SVC: every HYP control that could
 * trap or distort what PL1 sees is written to a known value, and every
 * feature is checked in the ID registers before its register is touched.
 * The aim is a PL1 that owns the CPU exactly as if HYP did not exist.
 */
#include <arch/el2_setup.h>
#include <arch/sysreg.h>
#include <hypstub/nolibc.h>

/* HCR: all zero. No stage 2 (VM), no routing of IRQ/FIQ/aborts to HYP
 * (IMO/FMO/AMO), no trapped instructions (TSC, TWI, TWE, TIDCP, TAC,
 * TSW, TPC, TPU, TTLB, TVM), TGE clear: PL1 takes its own exceptions. */
#define HCR_NOTHING 0ul

/* HCPTR: TCP0-TCP9, TCP12, TCP13 are RES1 (no such coprocessors);
 * TCP10 = TCP11 = 0 lets PL1 use VFP, TASE = 0 Advanced SIMD,
 * TTA = 0 trace registers, TCPAC = 0 CPACR writes. */
#define HCPTR_NO_TRAPS 0x33fful

/* CNTHCTL */
#define CNTHCTL_PL1PCTEN (1ul << 0) /* PL1 reads the physical counter */
#define CNTHCTL_PL1PCEN	 (1ul << 1) /* PL1 owns the physical timer */

/* HDCR: HPMN in [4:0]; TPMCR, TPM, HPME, TDE, TDA, TDOSA, TDRA all 0. */
#define HDCR_HPMN_MASK 0x1ful

/* ICC_HSRE */
#define ICC_HSRE_SRE	(1ul << 0) /* system register interface in HYP */
#define ICC_HSRE_ENABLE (1ul << 3) /* PL1 may use ICC_SRE */

/* HSCTLR: the RES1 bits; MMU, caches, alignment checks off, ARM-state,
 * little-endian exception entry (the shim set it already; rewritten so
 * that the state does not depend on shim_head.S). */
#define HSCTLR_MMU_OFF 0x30c50818ul

/* SCTLR for SVC: MMU, caches, alignment check and high vectors off
 * (M, C, I, A, V = 0), ARM-state little-endian exceptions (TE, EE = 0),
 * CP15 barrier operations enabled (CP15BEN) and the RES1 bits of the
 * ARMv7 layout (23, 22, 18, 16, 6, 4, 3). */
#define SCTLR_SVC_MMU_OFF 0x00c50078ul

void el2_read_features(struct el2_features *f)
{
	unsigned long pfr1 = sysreg_id_pfr1_el1_read();
	unsigned perfmon = id_field(sysreg_id_dfr0_el1_read(), 24);

	f->generic_timer = id_field(pfr1, 16) != 0;
	f->gicv3_sysregs = id_field(pfr1, 28) != 0;
	/* PerfMon: 1..3 are PMUv1..v3 (and later); 0xf is IMPLEMENTATION DEFINED. */
	f->pmu = perfmon != 0 && perfmon != 0xf;
}

static void el2_setup_timers(struct el2_state *st)
{
	if (!st->feat.generic_timer)
		return;
	sysreg_cnthctl_el2_write(CNTHCTL_PL1PCTEN | CNTHCTL_PL1PCEN);
	/* The virtual counter equals the physical one, as PL1 expects. */
	sysreg_cntvoff_el2_write(0);
	/* HYP's own timer off: nothing may fire for a mode nobody serves. */
	sysreg_cnthp_ctl_el2_write(0);
	st->cnthctl = (uint32_t)sysreg_cnthctl_el2_read();
}

static void el2_setup_debug_pmu(struct el2_state *st)
{
	unsigned long hdcr = 0; /* no debug or PMU register traps */

	if (st->feat.pmu) {
		/* HPMN = PMCR.N: every event counter belongs to PL1. */
		st->pmu_counters = (unsigned)(sysreg_pmcr_el0_read() >> 11) & 0x1f;
		hdcr |= st->pmu_counters & HDCR_HPMN_MASK;
	}
	sysreg_mdcr_el2_write(hdcr);
	st->hdcr = (uint32_t)sysreg_mdcr_el2_read();
}

static void el2_setup_gic(struct el2_state *st, bool want_gicv3)
{
	st->gic_sre_ok = false;
	if (!want_gicv3 || !st->feat.gicv3_sysregs)
		return;
	sysreg_icc_sre_el2_write(ICC_HSRE_SRE | ICC_HSRE_ENABLE);
	isb();
	st->icc_hsre = (uint32_t)sysreg_icc_sre_el2_read();
	st->gic_sre_ok = (st->icc_hsre & ICC_HSRE_SRE) != 0;
	/* Virtual CPU interface off: PL1 talks to the real one. */
	if (st->gic_sre_ok)
		sysreg_ich_hcr_el2_write(0);
}

void el2_setup(struct el2_state *st, bool want_gicv3)
{
	hs_clear(st, sizeof(*st));
	el2_read_features(&st->feat);
	/* HCR first, and synchronised: what it traps applies to what follows. */
	sysreg_hcr_el2_write(HCR_NOTHING);
	isb();
	st->hcr = (uint32_t)sysreg_hcr_el2_read();
	sysreg_cptr_el2_write(HCPTR_NO_TRAPS);
	st->hcptr = (uint32_t)sysreg_cptr_el2_read();
	/* No CP15 register traps (T0-T15), no ThumbEE or Jazelle traps. */
	sysreg_hstr_el2_write(0);
	st->hstr = (uint32_t)sysreg_hstr_el2_read();
	el2_setup_timers(st);
	el2_setup_debug_pmu(st);
	el2_setup_gic(st, want_gicv3);
	/* Stage 2 unused: VMID 0, no table. */
	sysreg_vttbr_el2_write(0);
	/* PL1 reads of MIDR/MPIDR see the real values, not an UNKNOWN reset. */
	sysreg_vpidr_el2_write(sysreg_midr_el1_read());
	sysreg_vmpidr_el2_write(sysreg_mpidr_el1_read());
	sysreg_sctlr_el2_write(HSCTLR_MMU_OFF);
	st->hsctlr = (uint32_t)sysreg_sctlr_el2_read();
	sysreg_sctlr_el1_write(SCTLR_SVC_MMU_OFF);
	st->sctlr = (uint32_t)sysreg_sctlr_el1_read();
	isb();
}
