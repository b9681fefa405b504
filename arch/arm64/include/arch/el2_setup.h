/* SPDX-License-Identifier: MIT */
#ifndef ARCH_EL2_SETUP_H
#define ARCH_EL2_SETUP_H

#include <hypstub/arch.h>
#include <stdbool.h>
#include <stdint.h>

/* What the CPU offers, read from its ID registers. */
struct el2_features {
	bool e2h_fixed; /* HCR_EL2.E2H reads 1 whatever we write (VHE-only CPU) */
	bool vhe;	/* FEAT_VHE: the EL2 virtual timer exists */
	bool sve;
	bool sme;
	bool sme2;
	bool sme_fa64;
	bool pauth;
	bool mte;	    /* FEAT_MTE2: tags in memory */
	bool gicv3_sysregs; /* GICv3 CPU interface system registers */
	bool pmu;
	bool pmuv3p1; /* MDCR_EL2.HPMD exists */
	bool spe;
	bool trbe;
	bool amu;
	bool hcx;    /* HCRX_EL2 */
	bool fgt;    /* fine-grained trap registers */
	bool csv2_2; /* SCXTNUM_ELx */
	bool mops;
	bool tcr2;
	bool ecv;
};

/* What el2_setup() left, for the shim's report and the tests. */
struct el2_state {
	struct el2_features feat;
	uint64_t hcr, cptr, cnthctl, mdcr, sctlr_el1;
	uint64_t hcrx, icc_sre;
	unsigned pmu_counters;
	bool gic_sre_ok; /* ICC_SRE_EL2.SRE read back as 1 */
};

/* el2_read_features() cannot know e2h_fixed: only el2_setup() learns it. */

#endif
