/* SPDX-License-Identifier: MIT */
/*
 * What hypstub needs to know about the machine, read from the device
 * tree with libfdt rather than hard-coded. Shared by the shim and by
 * payloads.
 */
#ifndef HYPSTUB_PLATFORM_H
#define HYPSTUB_PLATFORM_H

#include <hypstub/bootinfo.h>
#include <hypstub/uart.h>
#include <stdint.h>

enum hs_psci_conduit { HS_PSCI_NONE, HS_PSCI_SMC, HS_PSCI_HVC };

/*
 * How a CPU is started (its /cpus node's enable-method, else the /cpus
 * node's): "psci" (or no enable-method on a machine with PSCI) is PSCI
 * CPU_ON; "spin-table" writes the entry to its cpu-release-addr.
 */
enum hs_cpu_method {
	HS_CPU_METHOD_NONE,
	HS_CPU_METHOD_PSCI,
	HS_CPU_METHOD_SPIN_TABLE,
	HS_CPU_METHOD_OTHER
};

/* RAM banks and reserved ranges kept (more are counted, not kept). */
#define HS_MAX_MEM 8
#define HS_MAX_RSV 16

struct hs_mem_range {
	uint64_t base, size;
};

/* How the console was found, or why there is none (hs_console_why()). */
enum hs_console_how {
	HS_CONSOLE_STDOUT,     /* the UART /chosen/stdout-path names */
	HS_CONSOLE_NO_STDOUT,  /* no stdout-path: the first UART with a driver */
	HS_CONSOLE_BAD_PATH,   /* stdout-path names no node: the first UART with a driver */
	HS_CONSOLE_NO_DRIVER,  /* stdout-path's UART has no driver: the first one that has */
	HS_CONSOLE_NO_ADDRESS, /* stdout-path's UART has no CPU address: the first one that has */
};

struct hs_platform {
	uint64_t ram_base, ram_size;	     /* the first memory bank */
	struct hs_mem_range mem[HS_MAX_MEM]; /* every bank of every /memory node */
	unsigned nmem;			     /* may exceed HS_MAX_MEM */
	/* /memreserve/ entries and /reserved-memory nodes with a reg */
	struct hs_mem_range rsv[HS_MAX_RSV];
	unsigned nrsv;	     /* may exceed HS_MAX_RSV: the placement then refuses to guess */
	uint64_t uart_base;  /* the console's CPU address, 0 when none found */
	struct hs_uart uart; /* the console's driver; type HS_UART_NONE when none usable */
	enum hs_console_how console_how;
	int console_node;     /* its node, -1 when none */
	unsigned gic_version; /* 2 or 3, 0 when none found */
	uint64_t gic_dist_base;
	uint64_t initrd_start, initrd_end; /* /chosen linux,initrd-*, 0 if none */
	enum hs_psci_conduit psci;
	unsigned ncpus; /* may exceed HS_MAX_CPUS; only that many MPIDRs are kept */
	uint64_t cpu_mpidr[HS_MAX_CPUS];
	uint8_t cpu_method[HS_MAX_CPUS];	/* enum hs_cpu_method */
	uint64_t cpu_release_addr[HS_MAX_CPUS]; /* spin-table: cpu-release-addr, 0 if none */
};

/*
 * Fill `p` from the tree. Returns 0 on success, or a negative libfdt
 * error when the tree itself is unusable. Missing optional devices are
 * left as zero; a missing memory node is an error (-FDT_ERR_NOTFOUND).
 */
int hs_platform_read(const void *fdt, struct hs_platform *p);

/* The console's address alone: 0 when none found. */
uint64_t hs_platform_console(const void *fdt);

/* Why the console is the one it is, in words ("" when stdout-path named it). */
const char *hs_console_why(enum hs_console_how how);

const char *hs_psci_conduit_name(enum hs_psci_conduit c);
const char *hs_cpu_method_name(enum hs_cpu_method m);

/*
 * Make the bank holding `addr` (where the caller runs) the one p->ram_base
 * and p->ram_size name; the first bank stays when none holds it. On a
 * 32-bit machine the bank is cut at 4 GiB. Returns 0, or -1 when no bank
 * is usable.
 */
int hs_platform_use_bank_of(struct hs_platform *p, uint64_t addr);

/*
 * The highest `align`-aligned start of `size` bytes inside
 * [start, end) that overlaps none of the tree's reserved ranges
 * (p->rsv): 0 when there is none, or when the tree has more reserved
 * ranges than hypstub keeps (it cannot know they are all clear).
 */
uint64_t hs_platform_place_top(const struct hs_platform *p, uint64_t start, uint64_t end,
			       uint64_t size, uint64_t align);

#endif
