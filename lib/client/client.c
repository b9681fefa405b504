// SPDX-License-Identifier: MIT
/* The EL1 client library: what the shim said, and the calls themselves. */
#include <arch/rt_arch.h>
#include <hypstub/bootinfo.h>
#include <hypstub/client.h>
#include <hypstub/cpu_release.h>
#include <hypstub/psci.h>
#include <libfdt.h>
#include <string.h>

static struct {
	bool available;
	unsigned boot_el;
	uintptr_t vectors;
	uintptr_t cpu_entry;
	const struct hs_cpu_table *cpus;
	struct hs_cpu_release *release; /* hypstub's release slots, by table row */
} hyp_state;

static uintptr_t client_u64(const void *fdt, int node, const char *name)
{
	int len;
	const fdt64_t *v = fdt_getprop(fdt, node, name, &len);

	return v && len == sizeof(*v) ? (uintptr_t)fdt64_ld(v) : 0;
}

int hyp_client_init(const void *fdt)
{
	int node, len;
	const char *status;
	const fdt32_t *el;

	memset(&hyp_state, 0, sizeof(hyp_state));
	if (fdt_check_header(fdt))
		return -1;
	node = fdt_path_offset(fdt, HS_DT_NODE);
	if (node < 0 || fdt_node_check_compatible(fdt, node, HS_DT_COMPATIBLE))
		return -1;
	el = fdt_getprop(fdt, node, HS_DT_PROP_BOOT_EL, &len);
	if (el && len == sizeof(*el))
		hyp_state.boot_el = fdt32_to_cpu(*el);
	hyp_state.vectors = client_u64(fdt, node, HS_DT_PROP_VECTORS);
	hyp_state.cpu_entry = client_u64(fdt, node, HS_DT_PROP_CPU_ENTRY);
	hyp_state.cpus = (const struct hs_cpu_table *)client_u64(fdt, node, HS_DT_PROP_CPU_TABLE);
	hyp_state.release = (struct hs_cpu_release *)client_u64(fdt, node, HS_DT_PROP_CPU_RELEASE);
	status = fdt_getprop(fdt, node, "status", NULL);
	hyp_state.available = status && !strcmp(status, "okay") && hyp_state.vectors;
	return 0;
}

bool hyp_available(void)
{
	return hyp_state.available;
}

unsigned hyp_boot_el(void)
{
	return hyp_state.boot_el;
}

uintptr_t hyp_stub_vectors(void)
{
	return hyp_state.vectors;
}

unsigned long hyp_call(unsigned long x0, unsigned long x1, unsigned long x2, unsigned long x3,
		       unsigned long x4)
{
	if (!hyp_state.available)
		return HVC_STUB_ERR;
	return arch_hvc0(x0, x1, x2, x3, x4);
}

unsigned long hyp_set_vectors(uintptr_t vectors)
{
	return hyp_call(HVC_SET_VECTORS, vectors, 0, 0, 0);
}

unsigned long hyp_reset_vectors(void)
{
	return hyp_call(HVC_RESET_VECTORS, 0, 0, 0, 0);
}

unsigned long hyp_soft_restart(uintptr_t entry, unsigned long arg0, unsigned long arg1,
			       unsigned long arg2)
{
	return hyp_call(HVC_SOFT_RESTART, entry, arg0, arg1, arg2);
}

const struct hs_cpu_table *hyp_cpu_table(void)
{
	return hyp_state.cpus;
}

int hyp_cpu_index(void)
{
	const struct hs_cpu_table *t = hyp_state.cpus;
	uint64_t me = arch_cpu_affinity();

	for (unsigned i = 0; t && i < t->ncpus && i < HS_MAX_CPUS; i++)
		if (t->cpu[i].mpidr == me)
			return (int)i;
	return -1;
}

/* The table's row for `mpidr`, or -1. */
static int cpu_row(uint64_t mpidr)
{
	const struct hs_cpu_table *t = hyp_state.cpus;

	for (unsigned i = 0; t && i < t->ncpus && i < HS_MAX_CPUS; i++)
		if (t->cpu[i].mpidr == mpidr)
			return (int)i;
	return -1;
}

long hyp_cpu_on(uint64_t mpidr, const struct hs_cpu_start *start)
{
	const struct hs_cpu_table *t = hyp_state.cpus;
	int i;

	if (!hyp_state.cpu_entry || !t)
		return PSCI_NOT_SUPPORTED;
	i = cpu_row(mpidr);
	/* Waiting in hypstub's parking place: released through its slot. */
	if (i >= 0 && hyp_state.release &&
	    ((const volatile struct hs_cpu *)&t->cpu[i])->state == HS_CPU_WAITING) {
		if (!start)
			return PSCI_INVALID_PARAMETERS;
		hs_cpu_release_write(&hyp_state.release[i], start->entry, (uintptr_t)start);
		return PSCI_SUCCESS;
	}
	/* A spin-table CPU that is not waiting cannot be started (nor powered on). */
	if (i >= 0 && (t->spin_cpus >> i & 1))
		return PSCI_ALREADY_ON;
	return (long)arch_smccc(PSCI_CPU_ON, (unsigned long)mpidr, hyp_state.cpu_entry,
				(unsigned long)(uintptr_t)start, (int)t->psci_hvc);
}

uintptr_t hyp_cpu_release_addr(unsigned cpu)
{
	if (!hyp_state.release || !hyp_cpu_parks(cpu))
		return 0;
	return (uintptr_t)&hyp_state.release[cpu].entry;
}

bool hyp_cpu_parks(unsigned cpu)
{
	const struct hs_cpu_table *t = hyp_state.cpus;

	return t && cpu < t->ncpus && cpu < HS_MAX_CPUS && (t->spin_cpus >> cpu & 1);
}

unsigned long hyp_cpu_park(void)
{
	return hyp_call(HS_CALL_PARK, 0, 0, 0, 0);
}
