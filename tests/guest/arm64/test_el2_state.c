// SPDX-License-Identifier: MIT
/*
 * Suite "el2state": the EL2 configuration the shim left, read at EL2
 * (through SOFT_RESTART) and checked bit by bit against what EL1 needs.
 */
#include <arch/sysreg.h>
#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>

#include "../harness.h"

enum el2_reg {
	R_HCR,
	R_CPTR,
	R_CNTHCTL,
	R_CNTVOFF,
	R_MDCR,
	R_HSTR,
	R_VTTBR,
	R_VPIDR,
	R_VMPIDR,
	R_ICC_SRE,
	R_SCTLR_EL2
};

static unsigned long read_el2(unsigned long which)
{
	switch (which) {
	case R_HCR: return sysreg_hcr_el2_read();
	case R_CPTR: return sysreg_cptr_el2_read();
	case R_CNTHCTL: return sysreg_cnthctl_el2_read();
	case R_CNTVOFF: return sysreg_cntvoff_el2_read();
	case R_MDCR: return sysreg_mdcr_el2_read();
	case R_HSTR: return sysreg_hstr_el2_read();
	case R_VTTBR: return sysreg_vttbr_el2_read();
	case R_VPIDR: return sysreg_vpidr_el2_read();
	case R_VMPIDR: return sysreg_vmpidr_el2_read();
	case R_ICC_SRE: return sysreg_icc_sre_el2_read();
	case R_SCTLR_EL2: return sysreg_sctlr_el2_read();
	default: return 0;
	}
}

static uint64_t el2(enum el2_reg r)
{
	return rt_el2_call(read_el2, r);
}

TEST_HYP(el2state, hcr_el1_is_aarch64_and_untrapped)
{
	uint64_t hcr = el2(R_HCR);

	EXPECT_TRUE(hcr & (1ull << 31));     /* RW */
	EXPECT_EQ(hcr & (1ull << 27), 0);    /* TGE */
	EXPECT_EQ(hcr & 0x38, 0);	     /* FMO, IMO, AMO: interrupts go to EL1 */
	EXPECT_EQ(hcr & 1, 0);		     /* VM: no stage 2 */
	EXPECT_EQ(hcr & (1ull << 19), 0);    /* TSC: SMC (PSCI) reaches firmware */
	EXPECT_EQ(hcr & (0x3full << 13), 0); /* TWI, TWE, TID0..TID3 */
	EXPECT_EQ(hcr & (1ull << 26), 0);    /* TVM */
}

TEST_HYP(el2state, fp_simd_and_vectors_not_trapped)
{
	uint64_t cptr = el2(R_CPTR);

	EXPECT_EQ(cptr & (1ull << 10), 0); /* TFP */
	EXPECT_EQ(cptr & (1ull << 31), 0); /* TCPAC */
	if (id_field(sysreg_id_aa64pfr0_el1_read(), 32))
		EXPECT_EQ(cptr & (1ull << 8), 0); /* TZ */
}

TEST_HYP(el2state, timers_and_counters_belong_to_el1)
{
	EXPECT_EQ(el2(R_CNTHCTL) & 3, 3); /* EL1PCTEN, EL1PCEN */
	EXPECT_EQ(el2(R_CNTVOFF), 0);
}

TEST_HYP(el2state, pmu_counters_belong_to_el1)
{
	uint64_t mdcr = el2(R_MDCR);
	unsigned n = (unsigned)(sysreg_pmcr_el0_read() >> 11) & 0x1f;

	EXPECT_EQ(mdcr & 0x1f, n);	    /* HPMN */
	EXPECT_EQ(mdcr & (1ull << 8), 0);   /* TDE */
	EXPECT_EQ(mdcr & (0xfull << 9), 0); /* TDA, TDOSA, TDRA, (E2PB low) */
	EXPECT_EQ(mdcr & (3ull << 5), 0);   /* TPM, TPMCR */
}

TEST_HYP(el2state, no_cp15_traps_no_stage2_real_ids)
{
	EXPECT_EQ(el2(R_HSTR), 0);
	EXPECT_EQ(el2(R_VTTBR), 0);
	EXPECT_EQ(el2(R_VPIDR), sysreg_midr_el1_read());
	EXPECT_EQ(el2(R_VMPIDR), sysreg_mpidr_el1_read());
}

TEST_HYP(el2state, gicv3_sre_enabled_for_el1)
{
	if (rt_platform.gic_version != 3) {
		test_skip("GICv2 machine");
		return;
	}
	EXPECT_EQ(el2(R_ICC_SRE) & 9, 9); /* SRE, Enable */
}

TEST_HYP(el2state, el2_mmu_and_caches_off)
{
	EXPECT_EQ(el2(R_SCTLR_EL2) & 0x1005, 0);
}
