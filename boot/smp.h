/* SPDX-License-Identifier: MIT */
/* Bringing the secondary CPUs up at boot (smp.c) and judging them (smp_levels.c). */
#ifndef BOOT_SMP_H
#define BOOT_SMP_H

#include <hypstub/cpus.h>
#include <hypstub/platform.h>

/*
 * Fill `t` for the CPUs `p` lists; the CPU running this is the boot CPU,
 * entered at `boot_level`. Returns its index, or -1 when its MPIDR is
 * not in the device tree.
 */
int hs_smp_table_init(struct hs_cpu_table *t, const struct hs_platform *p,
		      unsigned long boot_level);

/*
 * Start every other CPU through the resident CPU entry at `cpu_entry`
 * (PSCI) or `spin_entry` (spin tables), with the shim's own start record
 * `bring_up` as context, by the driver of its enable-method in `p` (all
 * three, and the table at `t`, in the resident region), wait until each
 * has powered itself off or parked again, and report each on the
 * console. Returns the number that came up.
 */
unsigned hs_smp_bring_up(struct hs_cpu_table *t, const struct hs_platform *p, uintptr_t cpu_entry,
			 uintptr_t spin_entry, uintptr_t bring_up);

/* The first CPU that entered at another level than the boot CPU, or -1. */
int hs_smp_odd_cpu(const struct hs_cpu_table *t);

/* Mark HYP unavailable on every CPU (the levels disagree). */
void hs_smp_disable_hyp(struct hs_cpu_table *t);

#endif
