/* SPDX-License-Identifier: MIT */
/*
 * The resident CPU entry (cpu_entry.c, arch/<arch>/cpu_entry.S): what
 * the shim and the host tests see of it. Everything here is inside the
 * resident region and reached PC-relatively.
 */
#ifndef CPU_CPU_H
#define CPU_CPU_H

/* struct hs_cpu_table as cpu_entry.S walks it (checked in cpu_entry.c). */
#define HS_CPU_TABLE_NCPUS 0
#define HS_CPU_TABLE_CPUS  40
#define HS_CPU_SIZE	   32

#ifndef __ASSEMBLER__
#include <hypstub/cpus.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

/* The live table (also what a payload reads through "hypstub,cpu-table"). */
extern struct hs_cpu_table hs_cpu_table;

/* The first instruction a CPU runs after PSCI CPU_ON (cpu_entry.S). */
extern char hs_cpu_entry[];
/* The resident code past the stub: copied along with it. */
extern char hs_cpu_start[], hs_cpu_end[];

/*
 * Called by hs_cpu_entry on the CPU's own EL2 stack: `me` is its table
 * row (NULL when its MPIDR is not listed), `ctx` the context_id, `level`
 * the level it entered at. Sets the CPU up and returns where it enters
 * EL1; powers the CPU off instead during boot (ctx 0) or on bad input.
 */
uintptr_t hs_cpu_enter(struct hs_cpu *me, uintptr_t ctx, unsigned long level);

#pragma GCC visibility pop
#endif

#endif
