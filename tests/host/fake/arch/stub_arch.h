/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests: arch/arm64/include/arch/stub_arch.h over the fake CPU.
 * Same structures, constants and helpers, with the same semantics; only
 * the PC-relative `adr` of hs_stub_own_vectors() becomes a plain address.
 * test_fake checks the constants against the real header.
 */
#ifndef ARCH_STUB_ARCH_H
#define ARCH_STUB_ARCH_H

#include <arch/sysreg.h>
#include <stdint.h>

/* Same members as the real header (test_fake compares them). */
struct hs_frame {
	uint64_t x[5];
	uint64_t x30;
};

struct hs_crash_frame {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
};

#define ARCH_VECTORS_ALIGN 2048u
#define ARCH_ENTRY_ALIGN   4u

#define ESR_EC_SHIFT  26
#define ESR_EC_HVC64  0x16u
#define ESR_ISS_IMM16 0xffffu

#define SCTLR_EL2_M (1ul << 0)
#define SCTLR_EL2_C (1ul << 2)
#define SCTLR_EL2_I (1ul << 12)

#define SPSR_EL2H_MASKED 0x3c9ul

/* The stub's vector table: the test defines it (stub.h declares it too). */
extern char hs_stub_vectors[];

static inline unsigned long hs_frame_arg(const struct hs_frame *f, unsigned n)
{
	return f->x[n];
}

static inline void hs_frame_set_ret(struct hs_frame *f, unsigned long v)
{
	f->x[0] = v;
}

static inline unsigned long hs_trap_syndrome(void)
{
	return sysreg_esr_el2_read();
}

static inline int hs_syndrome_is_hvc(unsigned long esr)
{
	return (esr >> ESR_EC_SHIFT) == ESR_EC_HVC64;
}

static inline unsigned hs_syndrome_hvc_imm(unsigned long esr)
{
	return (unsigned)(esr & ESR_ISS_IMM16);
}

static inline uintptr_t hs_stub_own_vectors(void)
{
	return (uintptr_t)hs_stub_vectors;
}

static inline void hs_el2_mmu_off(void)
{
	uint64_t sctlr = sysreg_sctlr_el2_read();

	if (sctlr & SCTLR_EL2_M) {
		sysreg_sctlr_el2_write(sctlr & ~SCTLR_EL2_M);
		isb();
	}
}

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
