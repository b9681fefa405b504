/* SPDX-License-Identifier: MIT */
/*
 * How a CPU is started and stopped, one driver per /cpus enable-method:
 * PSCI (psci.c) and spin tables (spin_table.c). The shim's boot-time
 * bring-up (boot/smp.c) picks one per CPU with hs_cpu_ops_for(); the
 * payload side uses the release primitives in <hypstub/cpu_release.h>.
 */
#ifndef DRIVERS_CPU_CPU_OPS_H
#define DRIVERS_CPU_CPU_OPS_H

#include <hypstub/cpus.h>
#include <hypstub/platform.h>
#include <stdbool.h>
#include <stdint.h>

struct hs_cpu_ops {
	const char *name;
	/*
	 * Start row i of `t` at the resident `entry` with the context `ctx`
	 * (the shim's bring-up record), where the method can pass one.
	 * Returns NULL, or why it could not (for the console).
	 */
	const char *(*start)(const struct hs_cpu_table *t, unsigned i, const struct hs_platform *p,
			     uintptr_t entry, uintptr_t ctx);
	/*
	 * The resident entry a CPU of this kind is started at: the CPU entry,
	 * or the spin entry (which sets the bring-up context itself, since a
	 * spin table's loop passes none).
	 */
	uintptr_t (*entry)(uintptr_t cpu_entry, uintptr_t spin_entry);
	/* Is row i back where the payload can start it again? */
	bool (*stopped)(const struct hs_cpu_table *t, unsigned i);
	const char *stopped_as; /* "off", "parked" */
};

extern const struct hs_cpu_ops hs_cpu_ops_psci, hs_cpu_ops_spin_table;

/* The driver for `m`, or NULL when hypstub has none. */
const struct hs_cpu_ops *hs_cpu_ops_for(enum hs_cpu_method m);

#endif
