/* SPDX-License-Identifier: MIT */
/*
 * hypstub client library: what an EL1 kernel links to call the EL2 stub.
 *
 * Each call is a real function, as the ABI recommends: the stub may
 * clobber every caller-saved register, and a function call tells the
 * compiler so. (hypstub's own stub keeps every register but x0; other
 * stubs need not.)
 *
 * Call hyp_client_init() once with the device tree the shim handed over
 * (x0 at entry). Until then, and whenever the shim said EL2 is not
 * available, every call returns HVC_STUB_ERR without executing `hvc`, so
 * a kernel entered without EL2 never takes an undefined instruction.
 */
#ifndef HYPSTUB_CLIENT_H
#define HYPSTUB_CLIENT_H

#include <stdbool.h>
#include <stdint.h>

#include <hypstub/abi.h>
#include <hypstub/cpus.h>

/*
 * Read the /hypstub node of the device tree. Returns 0 when the node was
 * found (whatever it says), -1 when the tree or node is missing or bad.
 */
int hyp_client_init(const void *fdt);

/* True when the shim installed a stub at EL2 and this CPU may call it. */
bool hyp_available(void);

/* Exception level the shim was entered at (1 or 2), 0 when unknown. */
unsigned hyp_boot_el(void);

/* Physical address of the stub's own vector table, 0 when unknown. */
uintptr_t hyp_stub_vectors(void);

/*
 * HVC_SET_VECTORS: make `vectors` (a physical address, 2 KiB aligned on
 * arm64, 32 bytes on arm) this CPU's EL2 vector table (VBAR_EL2/HVBAR).
 * Returns 0 or HVC_STUB_ERR.
 */
unsigned long hyp_set_vectors(uintptr_t vectors);

/*
 * HVC_RESET_VECTORS: put the stub's own vectors back on this CPU and turn
 * the EL2 MMU off. Returns 0 or HVC_STUB_ERR.
 */
unsigned long hyp_reset_vectors(void);

/*
 * HVC_SOFT_RESTART: jump to `entry` at EL2/HYP with exceptions masked and
 * the EL2 MMU and caches off. On arm64 the next code gets x0..x2 =
 * arg0..arg2. On arm the stub moves no arguments: the next code starts
 * with r0 = HVC_SOFT_RESTART, r1 = entry, r2 = arg0, r3 = arg1 (arg2 is
 * not passed), and bit 0 of `entry` selects Thumb state. Does not return
 * on success; returns HVC_STUB_ERR when the stub refused (entry
 * misaligned or outside the physical address space) or EL2 is not
 * available.
 */
unsigned long hyp_soft_restart(uintptr_t entry, unsigned long arg0, unsigned long arg1,
			       unsigned long arg2);

/*
 * The raw call: x0..x4 (arm: r0..r3) in, x0/r0 out, `hvc #0`. For callers that need a
 * number the helpers above do not cover (an installed hypervisor's own
 * calls, or deliberately bad ones in tests).
 */
unsigned long hyp_call(unsigned long x0, unsigned long x1, unsigned long x2, unsigned long x3,
		       unsigned long x4);

/*
 * The CPUs (see <hypstub/cpus.h>): the shim's live table, NULL when the
 * device tree names none (a shim without SMP support, or no tree).
 */
const struct hs_cpu_table *hyp_cpu_table(void);

/* Index of the calling CPU in the table, or -1 when it is not listed. */
int hyp_cpu_index(void);

/*
 * Start the CPU with affinity `mpidr` through hypstub's CPU entry: it
 * enters EL2/HYP, gets its own EL2 set-up and stub, and arrives at
 * start->entry at EL1/SVC with `start` where the boot CPU had its device
 * tree (x0 on arm64, r2 on arm). `start` must stay valid until the CPU
 * has read it. A CPU waiting in hypstub's parking place (a spin-table
 * board, or after hyp_cpu_park()) is released through its release slot;
 * any other through PSCI CPU_ON. Returns 0 (PSCI_SUCCESS), the PSCI
 * CPU_ON result, PSCI_ALREADY_ON for a spin-table CPU that is not
 * waiting, or PSCI_NOT_SUPPORTED when the shim offered no CPU entry.
 */
long hyp_cpu_on(uint64_t mpidr, const struct hs_cpu_start *start);

/* Does table row `cpu` park instead of powering off (a spin-table CPU)? */
bool hyp_cpu_parks(unsigned cpu);

/*
 * A spin-table CPU's cpu-release-addr now: its release slot's entry word
 * in the resident region (what the tree the shim handed over names); 0
 * for a CPU that is not released by a spin table.
 */
uintptr_t hyp_cpu_release_addr(unsigned cpu);

/*
 * HS_CALL_PARK: send the calling CPU back to hypstub's parking place,
 * where it waits at EL2/HYP until hyp_cpu_on() (or a kernel writing its
 * cpu-release-addr) releases it. Returns only when the stub refused
 * (HVC_STUB_ERR: no stub, or another hypervisor's vectors are installed).
 */
unsigned long hyp_cpu_park(void);

#endif
