/* SPDX-License-Identifier: MIT */
/*
 * What hypstub needs to know about the machine, read from the device
 * tree with libfdt rather than hard-coded. Shared by the shim and by
 * payloads.
 */
#ifndef HYPSTUB_PLATFORM_H
#define HYPSTUB_PLATFORM_H

#include <hypstub/bootinfo.h>
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

struct hs_platform {
	uint64_t ram_base, ram_size; /* first memory bank */
	uint64_t uart_base;	     /* PL011, 0 when none found */
	unsigned gic_version;	     /* 2 or 3, 0 when none found */
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

/* The console alone, for the earliest output: 0 when none found. */
uint64_t hs_platform_console(const void *fdt);

const char *hs_psci_conduit_name(enum hs_psci_conduit c);
const char *hs_cpu_method_name(enum hs_cpu_method m);

#endif
