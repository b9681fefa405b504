/* SPDX-License-Identifier: MIT */
/*
 * Releasing a CPU that waits at a spin table (drivers/cpu/release.c):
 * for the shim at boot and for payloads (hyp_cpu_on() on a parked CPU).
 */
#ifndef HYPSTUB_CPU_RELEASE_H
#define HYPSTUB_CPU_RELEASE_H

#include <hypstub/cpus.h>
#include <stdint.h>

/*
 * Write `entry` to the 8-byte release word at `addr`, clean it to the
 * point of coherency (the waiting CPU reads with its MMU off) and `sev`.
 */
void hs_spin_table_write(volatile uint64_t *addr, uint64_t entry);

/*
 * Release a CPU waiting in hypstub's parking place: its slot's ctx, then
 * its entry (hs_spin_table_write()). It enters `entry` with x0 (r0) = ctx.
 */
void hs_cpu_release_write(struct hs_cpu_release *slot, uint64_t entry, uint64_t ctx);

#endif
