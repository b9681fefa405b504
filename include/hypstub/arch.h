/* SPDX-License-Identifier: MIT */
/*
 * What every architecture layer (arch/arm64/, arch/arm/) provides to the
 * arch-neutral code, with the same prototype on both. Types and constants
 * that differ (the EL2 state, the exception frame, names for transcripts)
 * stay in the arch headers: <arch/cpu.h>, <arch/el2_setup.h>,
 * <arch/rt_arch.h>, <arch/exc_frame.h>.
 */
#ifndef HYPSTUB_ARCH_H
#define HYPSTUB_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct el2_features;
struct el2_state;
struct hs_exc_frame;

/* --- CPU (cpu.c, cache.c, shim_head.S) --- */

/* First address past what the stub accepts as a physical address. */
uint64_t arch_pa_limit(void);

/* This CPU's affinity (MPIDR without the flag bits). */
uint64_t arch_cpu_affinity(void);

/* Make freshly written code visible to instruction fetch. */
void arch_icache_invalidate_all(void);

/*
 * Leave the shim for good: enter `entry` at EL1/SVC with the
 * architecture's Linux boot registers and `dtb`; at EL2/HYP, SP becomes
 * `el2_sp` (this CPU's stub stack) first. See shim_head.S.
 */
void arch_enter_payload(uintptr_t entry, uintptr_t dtb, uintptr_t el2_sp) __attribute__((noreturn));

/* An SMCCC call (PSCI) through `smc`, or `hvc` when use_hvc (smccc.S: in the
 * resident CPU entry, and linked again into payloads). */
unsigned long arch_smccc(unsigned long fid, unsigned long a1, unsigned long a2, unsigned long a3,
			 int use_hvc);

/* --- EL2/HYP set-up (el2_setup.c, el2_report.c) --- */

/* The ID registers' answers. */
void el2_read_features(struct el2_features *feat);

/* Configure every EL2/HYP control for an EL1/SVC that owns the machine. */
void el2_setup(struct el2_state *st, bool want_gicv3);

/* Print what el2_setup() left, for the boot transcript. */
void el2_print_state(const struct el2_state *st);

/* --- Payload runtime (rt_start.S, rt_arch.c) --- */

/* `hvc #0` with the first four or five argument registers; returns x0/r0. */
unsigned long arch_hvc0(unsigned long a0, unsigned long a1, unsigned long a2, unsigned long a3,
			unsigned long a4);
/* Semihosting exit with a code; returns only if semihosting is off. */
void arch_semihost_exit(int code);
/* The semihosting trap instruction inside arch_semihost_exit. */
extern char arch_semihost_trap[];
/* Print an unexpected exception's own registers (after the runtime's headline). */
void arch_rt_print_exception(const struct hs_exc_frame *f, unsigned long vector);

/* --- The kexec loader (kexec.S) --- */

/* Copy n bytes (a multiple of 64; both 16-byte aligned), lowest block first. */
void arch_kexec_copy_fwd(void *dst, const void *src, size_t n);
/* The same, highest block first (for a destination above an overlapping source). */
void arch_kexec_copy_bwd(void *dst, const void *src, size_t n);
/* Clean the data cache to the point of coherency over [start, start + n). */
void arch_kexec_clean(uint64_t start, uint64_t n);
/*
 * EL1/SVC MMU and caches off, the instruction cache invalidated, then
 * HVC_SOFT_RESTART into `entry` with the architecture's Linux boot
 * registers and `dtb`. Returns the stub's answer only when it refused.
 */
unsigned long arch_kexec_restart(uint64_t entry, uint64_t dtb);

#endif
