// SPDX-License-Identifier: MIT
/*
 * PSCI (Arm DEN 0022) as a way to start CPUs: CPU_ON at the resident
 * entry; the CPU powers itself off again (CPU_OFF, from the CPU entry),
 * which AFFINITY_INFO sees.
 */
#include <arch/cpu.h>
#include <hypstub/arch.h>
#include <hypstub/psci.h>

#include "cpu_ops.h"

static unsigned long psci(const struct hs_cpu_table *t, unsigned long fid, unsigned long a1,
			  unsigned long a2, unsigned long a3)
{
	return arch_smccc(fid, a1, a2, a3, (int)t->psci_hvc);
}

static const char *psci_error(long err)
{
	switch (err) {
	case PSCI_NOT_SUPPORTED: return "PSCI CPU_ON failed (NOT_SUPPORTED)";
	case PSCI_INVALID_PARAMETERS: return "PSCI CPU_ON failed (INVALID_PARAMETERS)";
	case PSCI_DENIED: return "PSCI CPU_ON failed (DENIED)";
	case PSCI_ALREADY_ON: return "PSCI CPU_ON failed (ALREADY_ON)";
	case PSCI_ON_PENDING: return "PSCI CPU_ON failed (ON_PENDING)";
	case PSCI_INTERNAL_FAILURE: return "PSCI CPU_ON failed (INTERNAL_FAILURE)";
	default: return "PSCI CPU_ON failed (an unknown error)";
	}
}

static const char *psci_start(const struct hs_cpu_table *t, unsigned i, const struct hs_platform *p,
			      uintptr_t entry, uintptr_t ctx)
{
	long err;

	if (p->psci == HS_PSCI_NONE)
		return "its enable-method is psci, but the device tree has no PSCI node";
	err = (long)psci(t, PSCI_CPU_ON, (unsigned long)t->cpu[i].mpidr, entry, ctx);
	return err == PSCI_SUCCESS ? 0 : psci_error(err);
}

static uintptr_t psci_entry(uintptr_t cpu_entry, uintptr_t spin_entry)
{
	(void)spin_entry;
	return cpu_entry;
}

static bool psci_stopped(const struct hs_cpu_table *t, unsigned i)
{
	return (long)psci(t, PSCI_AFFINITY_INFO, (unsigned long)t->cpu[i].mpidr, 0, 0) ==
	       PSCI_AFFINITY_OFF;
}

const struct hs_cpu_ops hs_cpu_ops_psci = {
    .name = "psci",
    .start = psci_start,
    .entry = psci_entry,
    .stopped = psci_stopped,
    .stopped_as = "off",
};
