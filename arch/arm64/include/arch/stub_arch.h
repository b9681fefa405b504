/* SPDX-License-Identifier: MIT */
/*
 * What the arch-neutral stub needs from AArch64: the saved frame of a
 * call, how to recognise `hvc` in ESR_EL2, and the soft restart hand-off.
 * Everything here runs at EL2 inside the stub's copyable region.
 */
#ifndef ARCH_STUB_ARCH_H
#define ARCH_STUB_ARCH_H

#include <arch/exc_frame.h>
#include <arch/stub_self.h>
#include <arch/sysreg.h>
#include <stdint.h>

/*
 * Registers the vector entry saves before calling C: the only ones the
 * stub's C may change (x0-x3, x30: it is built with x4-x18 fixed; C
 * itself keeps x19-x29), plus x4, the last argument SOFT_RESTART moves.
 * The layout is shared with stub_vectors.S.
 */
struct hs_frame {
	uint64_t x[5];
	uint64_t x30;
};

#define ARCH_VECTORS_ALIGN 2048u

#define ESR_EC_SHIFT  26
#define ESR_EC_HVC64  0x16u
#define ESR_ISS_IMM16 0xffffu

#define SCTLR_EL2_M (1ul << 0)	/* stage 1 MMU enable */
#define SCTLR_EL2_C (1ul << 2)	/* data cacheability */
#define SCTLR_EL2_I (1ul << 12) /* instruction cacheability */

/* EL2h with D, A, I and F masked: where SOFT_RESTART lands. */
#define SPSR_EL2H_MASKED 0x3c9ul

static inline unsigned long hs_frame_arg(const struct hs_frame *f, unsigned n)
{
	return f->x[n];
}

static inline void hs_frame_set_ret(struct hs_frame *f, unsigned long v)
{
	f->x[0] = v;
}

/* A restart address the CPU can execute from: A64 code is word-aligned. */
static inline int hs_entry_ok(uintptr_t entry)
{
	return (entry & 3) == 0;
}

static inline unsigned long hs_trap_syndrome(void)
{
	return sysreg_esr_el2_read();
}

static inline int hs_syndrome_is_hvc(unsigned long esr)
{
	return ((esr >> ESR_EC_SHIFT) & 0x3f) == ESR_EC_HVC64;
}

static inline unsigned hs_syndrome_hvc_imm(unsigned long esr)
{
	return (unsigned)(esr & ESR_ISS_IMM16);
}

static inline void hs_el2_mmu_off(void)
{
	uint64_t sctlr = sysreg_sctlr_el2_read();

	if (sctlr & SCTLR_EL2_M) {
		sysreg_sctlr_el2_write(sctlr & ~SCTLR_EL2_M);
		isb();
	}
}

/*
 * Prepare the eret of a soft restart: enter `entry` at EL2h, masked, with
 * MMU and caches off, and x2..x4 moved to x0..x2. The stub never turns
 * the EL2 data cache on, so there is nothing dirty to clean first.
 * Returns the value for x0.
 */
static inline unsigned long hs_soft_restart_prepare(struct hs_frame *f, uintptr_t entry)
{
	uint64_t sctlr = sysreg_sctlr_el2_read();

	sysreg_sctlr_el2_write(sctlr & ~(SCTLR_EL2_M | SCTLR_EL2_C | SCTLR_EL2_I));
	sysreg_elr_el2_write(entry);
	sysreg_spsr_el2_write(SPSR_EL2H_MASKED);
	isb();
	f->x[1] = f->x[3];
	unsigned long x0 = f->x[2];
	f->x[2] = f->x[4];
	return x0;
}

#endif
