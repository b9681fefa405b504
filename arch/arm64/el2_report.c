// SPDX-License-Identifier: MIT
/* The shim's account of the EL2 state it left (arm64 register names). */
#include <arch/el2_setup.h>
#include <stdio.h>

void el2_print_state(const struct el2_state *st)
{
	const struct el2_features *f = &st->feat;

	printf("[shim] EL2 set up: HCR_EL2=0x%llx CPTR_EL2=0x%llx CNTHCTL_EL2=0x%llx "
	       "MDCR_EL2=0x%llx\n",
	       (unsigned long long)st->hcr, (unsigned long long)st->cptr,
	       (unsigned long long)st->cnthctl, (unsigned long long)st->mdcr);
	printf("[shim]   EL1 AArch64, no traps; E2H %s; timers and counters to EL1 (CNTVOFF=0); "
	       "%u PMU counter(s) to EL1\n",
	       f->e2h_fixed ? "fixed at 1 (VHE-only CPU)" : "clear", st->pmu_counters);
	printf("[shim]   features: SVE %s, SME %s, PAuth %s, MTE %s, GICv3 sysregs %s, FGT %s, "
	       "HCRX %s\n",
	       f->sve ? "yes" : "no", f->sme ? "yes" : "no", f->pauth ? "yes" : "no",
	       f->mte ? "yes" : "no", st->gic_sre_ok ? "on (ICC_SRE_EL2 read back)" : "no",
	       f->fgt ? "cleared" : "no", f->hcx ? "set" : "no");
	printf("[shim]   SCTLR_EL1=0x%llx (MMU and caches off)\n",
	       (unsigned long long)st->sctlr_el1);
}
