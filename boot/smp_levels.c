// SPDX-License-Identifier: MIT
/* Did every CPU enter at the boot CPU's level? (Pure: host-tested.) */
#include "smp.h"

int hs_smp_odd_cpu(const struct hs_cpu_table *t)
{
	uint32_t want = t->cpu[t->boot_cpu].level;

	for (unsigned i = 0; i < t->ncpus && i < HS_MAX_CPUS; i++)
		if (t->cpu[i].state != HS_CPU_NEVER_UP && t->cpu[i].level != want)
			return (int)i;
	return -1;
}

void hs_smp_disable_hyp(struct hs_cpu_table *t)
{
	/* Every row's hs_cpu_has_hyp() says 0 from now on. */
	t->hyp_disabled = 1;
}
