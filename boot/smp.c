// SPDX-License-Identifier: MIT
/*
 * Secondary CPU bring-up at boot: every CPU the device tree lists is
 * started once through the resident CPU entry, sets itself up, and
 * powers itself off again, so that the payload starts with the CPUs off
 * (as Linux expects) and knows which of them work.
 */
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <hypstub/psci.h>
#include <stdio.h>
#include <string.h>

#include "../cpu/cpu.h"
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
	t->ram_base = p->ram_base;
	t->ram_end = p->ram_base + p->ram_size;
	for (unsigned i = 0; i < t->ncpus; i++) {
		t->cpu[i].mpidr = p->cpu_mpidr[i];
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

static unsigned long psci(unsigned long fid, unsigned long a1, unsigned long a2, unsigned long a3,
			  const struct hs_cpu_table *t)
{
	return arch_smccc(fid, a1, a2, a3, (int)t->psci_hvc);
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

static bool cpu_parked(const struct hs_cpu_table *t, unsigned i)
{
	return ((volatile const struct hs_cpu *)&t->cpu[i])->state != HS_CPU_NEVER_UP;
}

static bool cpu_powered_off(const struct hs_cpu_table *t, unsigned i)
{
	return (long)psci(PSCI_AFFINITY_INFO, (unsigned long)t->cpu[i].mpidr, 0, 0, t) ==
	       PSCI_AFFINITY_OFF;
}

static const char *psci_error_name(long err)
{
	switch (err) {
	case PSCI_NOT_SUPPORTED: return "NOT_SUPPORTED";
	case PSCI_INVALID_PARAMETERS: return "INVALID_PARAMETERS";
	case PSCI_DENIED: return "DENIED";
	case PSCI_ALREADY_ON: return "ALREADY_ON";
	case PSCI_ON_PENDING: return "ON_PENDING";
	case PSCI_INTERNAL_FAILURE: return "INTERNAL_FAILURE";
	default: return "an unknown error";
	}
}

unsigned hs_smp_bring_up(struct hs_cpu_table *t, uintptr_t cpu_entry, uintptr_t bring_up)
{
	static const char *const levels[] = ARCH_LEVEL_NAMES;
	unsigned up = 1;

	for (unsigned i = 0; i < t->ncpus; i++) {
		struct hs_cpu *c = &t->cpu[i];
		long err;

		if (i == t->boot_cpu)
			continue;
		printf("[shim] CPU%u (MPIDR 0x%llx): ", i, (unsigned long long)c->mpidr);
		err = (long)psci(PSCI_CPU_ON, (unsigned long)c->mpidr, cpu_entry, bring_up, t);
		if (err != PSCI_SUCCESS) {
			printf("PSCI CPU_ON failed (%s): left off\n", psci_error_name(err));
			continue;
		}
		if (!smp_wait(t, i, cpu_parked)) {
			printf("did not come up within %u s: left alone\n", SMP_TIMEOUT_SECONDS);
			continue;
		}
		if (!smp_wait(t, i, cpu_powered_off)) {
			printf("came up but did not power off within %u s\n", SMP_TIMEOUT_SECONDS);
			continue;
		}
		up++;
		printf("entered at %s, %s; off until the payload starts it\n",
		       c->level < 4 ? levels[c->level] : "?",
		       c->level == 2 ? "set up, stub installed" : "no stub");
	}
	return up;
}
