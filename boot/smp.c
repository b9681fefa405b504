// SPDX-License-Identifier: MIT
/*
 * Secondary CPU bring-up at boot: every CPU the device tree lists is
 * started once through the resident CPU entry, by the driver its
 * enable-method names (drivers/cpu/), sets itself up, and powers itself
 * off again (PSCI) or parks in hypstub's own spin table (spin-table), so
 * that the payload starts with the other CPUs stopped (as Linux expects)
 * and knows which of them work.
 */
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <stdio.h>
#include <string.h>

#include "../cpu/cpu.h"
#include "../drivers/cpu/cpu_ops.h"
#include "smp.h"

/* How long a CPU may take to come up, or to be off again: seconds of counter time. */
#define SMP_TIMEOUT_SECONDS 10u

int hs_smp_table_init(struct hs_cpu_table *t, const struct hs_platform *p, unsigned long boot_level)
{
	uint64_t me = arch_cpu_affinity();
	int boot = -1;

	memset(t, 0, sizeof(*t));
	t->ncpus = p->ncpus < HS_MAX_CPUS ? p->ncpus : HS_MAX_CPUS;
	t->psci_hvc = p->psci == HS_PSCI_HVC;
	t->gicv3 = p->gic_version == 3;
	t->release_el = 1; /* the payload the shim starts runs at EL1/SVC */
	t->ram_base = p->ram_base;
	t->ram_end = p->ram_base + p->ram_size;
	for (unsigned i = 0; i < t->ncpus; i++) {
		t->cpu[i].mpidr = p->cpu_mpidr[i];
		if (p->cpu_method[i] == HS_CPU_METHOD_SPIN_TABLE)
			t->spin_cpus |= (uint8_t)(1u << i);
		if (p->cpu_mpidr[i] == me && boot < 0)
			boot = (int)i;
	}
	if (boot < 0)
		return -1;
	t->boot_cpu = (uint32_t)boot;
	t->cpu[boot].level = (uint32_t)boot_level;
	t->cpu[boot].entries = 1;
	t->cpu[boot].state = HS_CPU_RUNNING;
	return boot;
}

/* Wait until `done(t, i)` or the timeout; true when done. */
static bool smp_wait(const struct hs_cpu_table *t, unsigned i,
		     bool (*done)(const struct hs_cpu_table *, unsigned))
{
	uint64_t start = sysreg_cntpct_el0_read();
	uint64_t limit = (uint64_t)sysreg_cntfrq_el0_read() * SMP_TIMEOUT_SECONDS;

	while (!done(t, i)) {
		if (sysreg_cntpct_el0_read() - start > limit)
			return false;
		dsb_sy();
	}
	return true;
}

static bool cpu_came_up(const struct hs_cpu_table *t, unsigned i)
{
	return ((volatile const struct hs_cpu *)&t->cpu[i])->state != HS_CPU_NEVER_UP;
}

unsigned hs_smp_bring_up(struct hs_cpu_table *t, const struct hs_platform *p, uintptr_t cpu_entry,
			 uintptr_t spin_entry, uintptr_t bring_up)
{
	static const char *const levels[] = ARCH_LEVEL_NAMES;
	unsigned up = 1;

	for (unsigned i = 0; i < t->ncpus; i++) {
		struct hs_cpu *c = &t->cpu[i];
		const struct hs_cpu_ops *ops = hs_cpu_ops_for(p->cpu_method[i]);
		const char *why;

		if (i == t->boot_cpu)
			continue;
		printf("[shim] CPU%u (MPIDR 0x%llx): ", i, (unsigned long long)c->mpidr);
		if (!ops) {
			printf("enable-method %s: hypstub cannot start it, left off\n",
			       hs_cpu_method_name(p->cpu_method[i]));
			continue;
		}
		why = ops->start(t, i, p, ops->entry(cpu_entry, spin_entry), bring_up);
		if (why) {
			printf("%s: left off\n", why);
			continue;
		}
		if (!smp_wait(t, i, cpu_came_up)) {
			printf("%s: did not come up within %u s: left alone\n", ops->name,
			       SMP_TIMEOUT_SECONDS);
			continue;
		}
		if (!smp_wait(t, i, ops->stopped)) {
			printf("%s: came up but was not %s within %u s\n", ops->name,
			       ops->stopped_as, SMP_TIMEOUT_SECONDS);
			continue;
		}
		up++;
		printf("entered at %s, %s; %s until the payload starts it\n",
		       c->level < 4 ? levels[c->level] : "?",
		       c->level == 2 ? "set up, stub installed" : "no stub", ops->stopped_as);
	}
	return up;
}
