/* SPDX-License-Identifier: MIT */
#ifndef ARCH_EL2_SETUP_H
#define ARCH_EL2_SETUP_H

#include <hypstub/arch.h>
#include <stdbool.h>
#include <stdint.h>

/* What the CPU offers, read from its ID registers. */
struct el2_features {
	bool generic_timer;
	bool gicv3_sysregs; /* ID_PFR1.GIC: the GICv3 CPU interface registers */
	bool pmu;
};

/* What el2_setup() left, for the shim's report and the tests. */
struct el2_state {
	struct el2_features feat;
	uint32_t hcr, hcptr, hstr, hdcr, cnthctl, hsctlr, sctlr;
	uint32_t icc_hsre;
	unsigned pmu_counters;
	bool gic_sre_ok; /* ICC_HSRE.SRE read back as 1 */
};

#endif
