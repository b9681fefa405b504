// SPDX-License-Identifier: MIT
/*
 * Suite "el2state" (arm): the HYP configuration the shim left, read in
 * HYP mode (through SOFT_RESTART) and checked bit by bit against what
 * SVC needs.
 */
#include <arch/sysreg.h>
#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>

#include "../harness.h"

enum hyp_reg {
	R_HCR,
	R_HCPTR,
	R_HSTR,
	R_HDCR,
	R_CNTHCTL,
	R_CNTVOFF_LO,
	R_CNTVOFF_HI,
	R_VTTBR_LO,
	R_VTTBR_HI,
	R_VPIDR,
	R_VMPIDR,
	R_MPIDR,
	R_ICC_HSRE,
	R_HSCTLR,
	R_SCTLR
};

static unsigned long read_hyp(unsigned long which)
{
	switch (which) {
	case R_HCR: return sysreg_hcr_el2_read();
	case R_HCPTR: return sysreg_cptr_el2_read();
	case R_HSTR: return sysreg_hstr_el2_read();
	case R_HDCR: return sysreg_mdcr_el2_read();
	case R_CNTHCTL: return sysreg_cnthctl_el2_read();
	case R_CNTVOFF_LO: return (unsigned long)sysreg_cntvoff_el2_read();
	case R_CNTVOFF_HI: return (unsigned long)(sysreg_cntvoff_el2_read() >> 32);
	case R_VTTBR_LO: return (unsigned long)sysreg_vttbr_el2_read();
	case R_VTTBR_HI: return (unsigned long)(sysreg_vttbr_el2_read() >> 32);
	case R_VPIDR: return sysreg_vpidr_el2_read();
	case R_VMPIDR: return sysreg_vmpidr_el2_read();
	case R_MPIDR: return sysreg_mpidr_el1_read(); /* in HYP: the real one */
	case R_ICC_HSRE: return sysreg_icc_sre_el2_read();
	case R_HSCTLR: return sysreg_sctlr_el2_read();
	case R_SCTLR: return sysreg_sctlr_el1_read();
	default: return 0;
	}
}

static unsigned long hyp(enum hyp_reg r)
{
	return rt_el2_call(read_hyp, r);
}

TEST_HYP(el2state, hcr_no_traps_no_routing)
{
	unsigned long hcr = hyp(R_HCR);

	EXPECT_EQ(hcr & (1ul << 27), 0);    /* TGE */
	EXPECT_EQ(hcr & 0x38, 0);	    /* FMO, IMO, AMO: interrupts go to SVC */
	EXPECT_EQ(hcr & 1, 0);		    /* VM: no stage 2 */
	EXPECT_EQ(hcr & (1ul << 19), 0);    /* TSC: SMC (PSCI) reaches firmware */
	EXPECT_EQ(hcr & (0x3ful << 13), 0); /* TWI, TWE, TID0..TID3 */
	EXPECT_EQ(hcr & (1ul << 26), 0);    /* TVM */
	EXPECT_EQ(hcr, 0);		    /* and nothing else either */
}

TEST_HYP(el2state, vfp_and_neon_not_trapped)
{
	unsigned long hcptr = hyp(R_HCPTR);

	EXPECT_EQ(hcptr & (3ul << 10), 0); /* TCP10, TCP11: VFP */
	EXPECT_EQ(hcptr & (1ul << 15), 0); /* TASE: Advanced SIMD */
	EXPECT_EQ(hcptr & (1ul << 20), 0); /* TTA: trace */
	EXPECT_EQ(hcptr & (1ul << 31), 0); /* TCPAC: CPACR */
}

TEST_HYP(el2state, timers_and_counters_belong_to_pl1)
{
	EXPECT_EQ(hyp(R_CNTHCTL) & 3, 3); /* PL1PCTEN, PL1PCEN */
	EXPECT_EQ(hyp(R_CNTVOFF_LO), 0);
	EXPECT_EQ(hyp(R_CNTVOFF_HI), 0);
}

TEST_HYP(el2state, pmu_counters_belong_to_pl1)
{
	unsigned long hdcr = hyp(R_HDCR);
	unsigned n = (unsigned)(sysreg_pmcr_el0_read() >> 11) & 0x1f;

	EXPECT_EQ(hdcr & 0x1f, n);	 /* HPMN */
	EXPECT_EQ(hdcr & (1ul << 7), 0); /* HPME */
	EXPECT_EQ(hdcr & (1ul << 8), 0); /* TDE */
	EXPECT_EQ(hdcr & (7ul << 9), 0); /* TDA, TDOSA, TDRA */
	EXPECT_EQ(hdcr & (3ul << 5), 0); /* TPM, TPMCR */
}

TEST_HYP(el2state, no_cp15_traps_no_stage2_real_ids)
{
	EXPECT_EQ(hyp(R_HSTR), 0);
	EXPECT_EQ(hyp(R_VTTBR_LO), 0);
	EXPECT_EQ(hyp(R_VTTBR_HI), 0);
	EXPECT_EQ(hyp(R_VPIDR), sysreg_midr_el1_read());
	EXPECT_EQ(hyp(R_VMPIDR), hyp(R_MPIDR));
	/* What SVC reads as MPIDR is VMPIDR: the real value. */
	EXPECT_EQ(sysreg_mpidr_el1_read(), hyp(R_MPIDR));
}

TEST_HYP(el2state, gicv3_sre_enabled_for_pl1)
{
	if (rt_platform.gic_version != 3) {
		test_skip("GICv2 machine");
		return;
	}
	EXPECT_EQ(hyp(R_ICC_HSRE) & 9, 9); /* SRE, Enable */
}

TEST_HYP(el2state, hyp_mmu_and_caches_off_svc_sane)
{
	unsigned long sctlr = hyp(R_SCTLR);

	EXPECT_EQ(hyp(R_HSCTLR) & 0x1007, 0);		       /* M, A, C, I */
	EXPECT_EQ(hyp(R_HSCTLR) & (3ul << 25 | 1ul << 30), 0); /* EE, TE */
	EXPECT_EQ(sctlr & 0x1007, 0);	   /* M, A, C, I: the payload may have set none */
	EXPECT_EQ(sctlr & (1ul << 13), 0); /* V: vectors at VBAR */
	EXPECT_EQ(sctlr & (1ul << 25 | 1ul << 30), 0); /* EE, TE */
}
