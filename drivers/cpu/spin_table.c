// SPDX-License-Identifier: MIT
/*
 * Spin tables (the "spin-table" enable-method): at boot each secondary
 * CPU waits at EL2 in its loader's loop (QEMU's, a board's armstub) for
 * a non-zero entry at its cpu-release-addr. The shim writes the resident
 * spin entry there; the CPU comes up through the CPU entry and, since it
 * cannot power off, waits in hypstub's own parking place from then on
 * (its row HS_CPU_WAITING), where the payload releases it through
 * hypstub's release slot (<hypstub/cpus.h>).
 */
#include <hypstub/cpu_release.h>

#include "cpu_ops.h"

static const char *spin_start(const struct hs_cpu_table *t, unsigned i, const struct hs_platform *p,
			      uintptr_t entry, uintptr_t ctx)
{
	uint64_t addr = p->cpu_release_addr[i];

	(void)t, (void)ctx; /* the spin entry sets the context itself */
	if (!addr)
		return "its enable-method is spin-table, but it has no cpu-release-addr";
	if (addr & 7)
		return "its cpu-release-addr is not 8-byte aligned";
	hs_spin_table_write((volatile uint64_t *)(uintptr_t)addr, entry);
	return 0;
}

static uintptr_t spin_entry(uintptr_t cpu_entry, uintptr_t spin_entry)
{
	(void)cpu_entry;
	return spin_entry;
}

static bool spin_stopped(const struct hs_cpu_table *t, unsigned i)
{
	return ((volatile const struct hs_cpu *)&t->cpu[i])->state == HS_CPU_WAITING;
}

const struct hs_cpu_ops hs_cpu_ops_spin_table = {
    .name = "spin-table",
    .start = spin_start,
    .entry = spin_entry,
    .stopped = spin_stopped,
    .stopped_as = "parked at EL2 in hypstub's own spin table",
};

const struct hs_cpu_ops *hs_cpu_ops_for(enum hs_cpu_method m)
{
	switch (m) {
	case HS_CPU_METHOD_PSCI: return &hs_cpu_ops_psci;
	case HS_CPU_METHOD_SPIN_TABLE: return &hs_cpu_ops_spin_table;
	default: return 0;
	}
}
