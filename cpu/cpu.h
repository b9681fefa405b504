/* SPDX-License-Identifier: MIT */
/*
 * The resident CPU entry (cpu_entry.c, arch/<arch>/cpu_entry.S): what
 * the shim and the host tests see of it. Everything here is inside the
 * resident region and reached PC-relatively.
 */
#ifndef CPU_CPU_H
#define CPU_CPU_H

#include <hypstub/cpus.h>

#ifndef __ASSEMBLER__
#include <stdint.h>

#pragma GCC visibility push(hidden)

/* The live table (also what a payload reads through "hypstub,cpu-table"). */
extern struct hs_cpu_table hs_cpu_table;
/* hypstub's own release slots, by table row ("hypstub,cpu-release"). */
extern struct hs_cpu_release hs_cpu_release[HS_MAX_CPUS];

/*
 * The shim's own start record, for its boot-time bring-up: a CPU started
 * with this record's address (its resident copy) comes up, is set up and
 * parks (powers off, PARKED). Any other record is a payload's; a null one
 * is refused like any other bad record.
 */
extern const struct hs_cpu_start hs_cpu_bring_up;

/* The first instruction a CPU runs after PSCI CPU_ON (cpu_entry.S). */
extern char hs_cpu_entry[];
/* Where a spin table's loop releases a CPU at boot: the CPU entry for the bring-up. */
extern char hs_cpu_spin_entry[];
/*
 * The parking place (cpu_entry.S; first in the CPU code, where
 * HS_CALL_PARK finds it): at EL2/HYP, MMU off, interrupts masked, any
 * registers. The CPU marks its row HS_CPU_WAITING and waits in `wfe`
 * for its release slot; a CPU the table does not list stops there.
 */
extern char hs_cpu_park[];
/* The resident code past the stub: copied along with it. */
extern char hs_cpu_start[], hs_cpu_end[];

/*
 * Called by hs_cpu_entry on the slow-path stack, which it holds: `me` is
 * its table row (NULL when its MPIDR is not listed), `ctx` the
 * context_id (or the release slot's ctx), `level` the level it entered
 * at, `released` the release slot's entry when the CPU comes from the
 * parking place (else 0). Sets the CPU up and returns where it enters
 * EL1 (or, released once a kernel runs at EL2, EL2), or 0 when the CPU
 * is to power off or park (during boot, ctx = &hs_cpu_bring_up, or on
 * bad input: said on the console). hs_cpu_entry then gives the slow-path
 * stack back, takes the CPU's own, and goes on.
 */
uintptr_t hs_cpu_enter(struct hs_cpu *me, uintptr_t ctx, unsigned long level, uintptr_t released);

/* hs_cpu_entry's way off, after CPU_OFF returned: say so (slow stack held). */
void hs_cpu_off_failed(void);

#pragma GCC visibility pop
#endif

#endif
