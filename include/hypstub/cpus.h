/* SPDX-License-Identifier: MIT */
/*
 * Every CPU, as hypstub keeps track of it: the contract between the
 * shim's resident CPU entry and a payload that starts CPUs.
 *
 * The shim brings every CPU the device tree lists up once, through PSCI
 * CPU_ON: each enters hypstub's resident CPU entry, checks the level it
 * entered at, sets up its own EL2/HYP state, points its own VBAR_EL2
 * (HVBAR) at the stub, and powers itself off again. The payload then
 * starts with the boot CPU only, as Linux expects, and finds the others
 * powered off. To start one with a fresh stub, it calls PSCI CPU_ON with
 *
 *     entry      = the /hypstub node's "hypstub,cpu-entry" address,
 *     context_id = the address of a struct hs_cpu_start it owns,
 *
 * and the CPU arrives at start->entry at EL1 (arm: SVC), exactly as the
 * boot CPU arrived in the payload, except that x0 (r0) holds the
 * context_id. A payload that calls CPU_ON with its own entry point gets
 * the CPU at EL2/HYP with no stub, as PSCI defines (Linux does that and
 * installs its own stub).
 *
 * The start record must lie in the first memory bank (the table's
 * ram_base..ram_end), word-aligned, and its entry must be one the stub
 * would accept for HVC_SOFT_RESTART; otherwise the CPU says so on the
 * console and powers off. The table ("hypstub,cpu-table") is live and
 * read-only for payloads.
 */
#ifndef HYPSTUB_CPUS_H
#define HYPSTUB_CPUS_H

#include <hypstub/platform.h>
#include <stdint.h>

#define HS_DT_PROP_CPU_ENTRY "hypstub,cpu-entry"
#define HS_DT_PROP_CPU_TABLE "hypstub,cpu-table"
/* In each /cpus/cpu node: the level that CPU entered at during boot, 0 if never. */
#define HS_DT_PROP_CPU_BOOT_EL "hypstub,boot-el"

/* What a CPU is doing, as far as hypstub knows (struct hs_cpu.state). */
enum hs_cpu_state {
	HS_CPU_NEVER_UP = 0, /* never entered hypstub */
	HS_CPU_PARKED = 1,   /* came up during boot and powered itself off */
	HS_CPU_RUNNING = 2,  /* entered the payload through the CPU entry */
	HS_CPU_REFUSED = 3,  /* entered with a bad start record: powered off */
};

struct hs_cpu {
	uint64_t mpidr;	  /* affinity, as the /cpus node's reg gives it */
	uint32_t level;	  /* 2 = EL2/HYP, 1 = EL1/SVC: how it last entered */
	uint32_t hyp;	  /* 1 when its stub is installed and may be called */
	uint32_t entries; /* times it came through the CPU entry */
	uint32_t state;	  /* enum hs_cpu_state */
	uint64_t vectors; /* what its VBAR_EL2/HVBAR was set to on entry */
};

struct hs_cpu_table {
	uint32_t ncpus;	       /* CPUs the device tree lists, at most HS_MAX_CPUS */
	uint32_t boot_cpu;     /* index of the CPU the loader started */
	uint32_t hyp_disabled; /* 1 when the CPUs entered at different levels */
	uint32_t psci_hvc;     /* PSCI conduit: 0 = smc, 1 = hvc */
	uint32_t gicv3;	       /* set up the GICv3 system register interface */
	uint32_t reserved;
	uint64_t ram_base, ram_end; /* where a struct hs_cpu_start may lie */
	struct hs_cpu cpu[HS_MAX_CPUS];
};

/* What CPU_ON's context_id points at when the entry is hypstub's. */
struct hs_cpu_start {
	uintptr_t entry; /* EL1/SVC entry point; on arm, bit 0 set = Thumb */
	uintptr_t arg;	 /* the payload's own; hypstub does not read it */
};

#endif
