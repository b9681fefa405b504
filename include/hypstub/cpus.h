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

#include <hypstub/bootinfo.h>

#define HS_DT_PROP_CPU_ENTRY "hypstub,cpu-entry"
#define HS_DT_PROP_CPU_TABLE "hypstub,cpu-table"
/* The first of hypstub's own release slots (struct hs_cpu_release), one per table row. */
#define HS_DT_PROP_CPU_RELEASE "hypstub,cpu-release"
/* In each /cpus/cpu node: the level that CPU entered at during boot, 0 if never. */
#define HS_DT_PROP_CPU_BOOT_EL "hypstub,boot-el"

/*
 * The table's layout, for the assembly that walks it (the CPU entry and
 * the stub's crash path; checked against the structs in cpu_entry.c).
 * A row is 16 bytes: with the CPU's own EL2 stack (<hypstub/bootinfo.h>)
 * that is all hypstub keeps per CPU.
 */
#define HS_CPU_TABLE_NCPUS	0
#define HS_CPU_TABLE_PSCI_HVC	12
#define HS_CPU_TABLE_SPIN_CPUS	20
#define HS_CPU_TABLE_RELEASE_EL 21
#define HS_CPU_TABLE_CPUS	40
#define HS_CPU_SIZE		16
#define HS_CPU_STATE		13
#define HS_CPU_WAITING_STATE	4 /* HS_CPU_WAITING, for the assembly */
#define HS_CPU_CHOOSING		14
#define HS_CPU_NUMBER		15
/* cpu[] and the spare row after it: every row the lock looks at. */
#define HS_CPU_TABLE_ROWS_END (HS_CPU_TABLE_CPUS + (HS_MAX_CPUS + 1) * HS_CPU_SIZE)
/* The largest ticket the slow-path lock hands out (a byte; see below). */
#define HS_CPU_NUMBER_MAX 250

/*
 * hypstub's own release slots, one per table row, HS_CPU_RELEASE_STRIDE
 * apart (a cache line of their own each: a payload that writes one slot
 * through its cache never writes back a stale copy of another CPU's).
 * A CPU waiting in hypstub's parking loop (state HS_CPU_WAITING) reads
 * its slot's `entry` word with the EL2 MMU off; when it is not 0, the CPU
 * clears the slot and enters `entry` with `ctx` in x0 (r0). On a
 * spin-table board, the tree handed to the payload names each slot's
 * `entry` word as that CPU's cpu-release-addr.
 */
#define HS_CPU_RELEASE_STRIDE 64
#define HS_CPU_RELEASE_ENTRY  0
#define HS_CPU_RELEASE_CTX    8

#ifndef __ASSEMBLER__
#include <hypstub/platform.h>
#include <stdint.h>

/* What a CPU is doing, as far as hypstub knows (struct hs_cpu.state). */
enum hs_cpu_state {
	HS_CPU_NEVER_UP = 0,		       /* never entered hypstub */
	HS_CPU_PARKED = 1,		       /* came up during boot and powered itself off */
	HS_CPU_RUNNING = 2,		       /* entered the payload through the CPU entry */
	HS_CPU_REFUSED = 3,		       /* entered with a bad start record: powered off */
	HS_CPU_WAITING = HS_CPU_WAITING_STATE, /* waits at EL2/HYP in hypstub's parking loop for its
				release slot (spin-table boards, or the park call) */
};

/*
 * One CPU's row. Whether its stub is installed is not stored: it is
 * (level == 2 && !hyp_disabled), hs_cpu_has_hyp() below; its vectors are
 * its VBAR_EL2/HVBAR, which only it can read.
 *
 * `choosing` and `number` are the CPU's part of the slow-path lock, a
 * Lamport bakery: plain byte loads and stores with barriers, because with
 * the EL2 MMU off memory is Device memory, where exclusive loads and
 * stores are not architecturally guaranteed to work. A CPU holds the
 * lock (and with it the one slow-path stack) from when its ticket is the
 * lowest non-zero (number, row) until it writes 0 to `number`. hypstub's
 * own; a payload must not write them.
 */
struct hs_cpu {
	uint64_t mpidr;	  /* affinity, as the /cpus node's reg gives it */
	uint32_t entries; /* times it came through the CPU entry */
	uint8_t level;	  /* 2 = EL2/HYP, 1 = EL1/SVC: how it last entered, 0 never */
	uint8_t state;	  /* enum hs_cpu_state */
	uint8_t choosing; /* the slow-path lock: 1 while taking a ticket */
	uint8_t number;	  /* the slow-path lock: its ticket, 0 = none */
};

struct hs_cpu_table {
	uint32_t ncpus;	       /* CPUs the device tree lists, at most HS_MAX_CPUS */
	uint32_t boot_cpu;     /* index of the CPU the loader started */
	uint32_t hyp_disabled; /* 1 when the CPUs entered at different levels */
	uint32_t psci_hvc;     /* PSCI conduit: 0 = smc, 1 = hvc */
	uint32_t gicv3;	       /* set up the GICv3 system register interface */
	uint8_t spin_cpus;     /* bit i: row i is released through a spin table
				  (it cannot power off: it parks instead) */
	uint8_t release_el;    /* where a parked CPU enters when released: 1 =
				  EL1/SVC (the payload the shim started), 2 =
				  EL2/HYP (once a kernel was entered at EL2 by
				  HVC_SOFT_RESTART: it expects its CPUs there) */
	uint16_t reserved;
	uint64_t ram_base, ram_end; /* where a struct hs_cpu_start may lie */
	struct hs_cpu cpu[HS_MAX_CPUS];
	struct hs_cpu spare; /* hypstub's: the lock bytes of a CPU not listed */
};

/* 1 when row i's stub is installed and may be called. */
static inline int hs_cpu_has_hyp(const struct hs_cpu_table *t, unsigned i)
{
	return t->cpu[i].level == 2 && !t->hyp_disabled;
}

/* One release slot (see HS_CPU_RELEASE_STRIDE). */
struct hs_cpu_release {
	uint64_t entry; /* 0 while the CPU waits; where it enters when released */
	uint64_t ctx;	/* its x0 (r0) there; a payload sets it before `entry` */
	uint64_t pad[HS_CPU_RELEASE_STRIDE / 8 - 2];
};

/* What CPU_ON's context_id points at when the entry is hypstub's. */
struct hs_cpu_start {
	uintptr_t entry; /* EL1/SVC entry point; on arm, bit 0 set = Thumb */
	uintptr_t arg;	 /* the payload's own; hypstub does not read it */
};

#endif /* __ASSEMBLER__ */
#endif
