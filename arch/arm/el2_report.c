// SPDX-License-Identifier: MIT
/* The shim's account of the HYP state it left (AArch32 register names). */
#include <arch/el2_setup.h>
#include <stdio.h>

void el2_print_state(const struct el2_state *st)
{
	const struct el2_features *f = &st->feat;

	printf("[shim] HYP set up: HCR=0x%lx HCPTR=0x%lx HSTR=0x%lx CNTHCTL=0x%lx HDCR=0x%lx "
	       "HSCTLR=0x%lx\n",
	       (unsigned long)st->hcr, (unsigned long)st->hcptr, (unsigned long)st->hstr,
	       (unsigned long)st->cnthctl, (unsigned long)st->hdcr, (unsigned long)st->hsctlr);
	printf("[shim]   SVC owns VFP/NEON, %s, %u PMU counter(s); no traps\n",
	       f->generic_timer ? "the timers and counters (CNTVOFF=0)" : "no generic timer",
	       st->pmu_counters);
	printf("[shim]   GICv3 sysregs %s; SCTLR=0x%lx (MMU and caches off)\n",
	       st->gic_sre_ok	  ? "on (ICC_HSRE read back)"
	       : f->gicv3_sysregs ? "present, not enabled"
				  : "no",
	       (unsigned long)st->sctlr);
}
