/* SPDX-License-Identifier: MIT */
#ifndef ARCH_EL2_SETUP_H
#define ARCH_EL2_SETUP_H

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

/* The ID registers' answers; e2h_fixed is learnt only by el2_setup(). */
void el2_read_features(struct el2_features *feat);

/* Configure every EL2 control for an EL1 that owns the machine. */
void el2_setup(struct el2_state *st, bool want_gicv3);

/* Print what el2_setup() left, for the boot transcript. */
void el2_print_state(const struct el2_state *st);

#endif
