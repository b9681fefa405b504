/* SPDX-License-Identifier: MIT */
/*
 * What the arch-neutral stub needs from AArch32 HYP mode: the saved frame
 * of a call, how to recognise `hvc` in HSR, and the soft restart hand-off.
 * Everything here runs in HYP mode inside the stub's copyable region.
 */
#ifndef ARCH_STUB_ARCH_H
#define ARCH_STUB_ARCH_H

#include <arch/exc_frame.h>
#include <arch/psr.h>
#include <arch/stub_self.h>
#include <arch/sysreg.h>
#include <stdint.h>

/*
 * Registers the HYP trap entry saves before calling C: exactly those C
 * may change (r0-r3, ip, and lr, which HYP mode shares with USR/SYS).
 * Every register but r0 comes back as it was. Shared with stub_vectors.S.
 */
struct hs_frame {
	uint32_t r[4];
	uint32_t ip;
	uint32_t lr;
};

/* HVBAR bits [4:0] are RES0. */
#define ARCH_VECTORS_ALIGN 32u

#define HSR_EC_SHIFT  26
#define HSR_EC_HVC    0x12u
#define HSR_ISS_IMM16 0xffffu

#define HSCTLR_M (1ul << 0)  /* HYP stage 1 MMU enable */
#define HSCTLR_C (1ul << 2)  /* data cacheability */
#define HSCTLR_I (1ul << 12) /* instruction cacheability */

static inline unsigned long hs_frame_arg(const struct hs_frame *f, unsigned n)
{
	return f->r[n];
}

static inline void hs_frame_set_ret(struct hs_frame *f, unsigned long v)
{
	f->r[0] = (uint32_t)v;
}

/*
 * A restart address the CPU can execute from: bit 0 set means Thumb (any
 * halfword), clear means ARM, which must be word-aligned.
 */
static inline int hs_entry_ok(uintptr_t entry)
{
	return (entry & 1) || (entry & 3) == 0;
}

static inline unsigned long hs_trap_syndrome(void)
{
	return sysreg_esr_el2_read();
}

static inline int hs_syndrome_is_hvc(unsigned long hsr)
{
	return ((hsr >> HSR_EC_SHIFT) & 0x3f) == HSR_EC_HVC;
}

static inline unsigned hs_syndrome_hvc_imm(unsigned long hsr)
{
	return (unsigned)(hsr & HSR_ISS_IMM16);
}

static inline void hs_el2_mmu_off(void)
{
	unsigned long hsctlr = sysreg_sctlr_el2_read();

	if (hsctlr & HSCTLR_M) {
		sysreg_sctlr_el2_write(hsctlr & ~HSCTLR_M);
		isb();
	}
}

/*
 * Prepare the eret of a soft restart: enter `entry` in HYP mode with A, I
 * and F masked, the HYP MMU and caches off, in Thumb state when bit 0 is
 * set. AArch32 moves no arguments: every register stays as the caller
 * left it (r0 = HVC_SOFT_RESTART, r1 = entry). Returns the value for r0.
 */
static inline unsigned long hs_soft_restart_prepare(struct hs_frame *f, uintptr_t entry)
{
	unsigned long hsctlr = sysreg_sctlr_el2_read();
	unsigned long spsr = PSR_MODE_HYP | PSR_AIF;

	if (entry & 1)
		spsr |= PSR_BIT_T;
	sysreg_sctlr_el2_write(hsctlr & ~(HSCTLR_M | HSCTLR_C | HSCTLR_I));
	sysreg_elr_el2_write(entry & ~1ul);
	sysreg_spsr_el2_write(spsr);
	isb();
	return f->r[0];
}

#endif
