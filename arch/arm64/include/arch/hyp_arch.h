/* SPDX-License-Identifier: MIT */
/*
 * The sample hypervisor's AArch64 side: the registers it saves at install
 * and puts back at teardown, and the frame its vector code saves. Offsets
 * are shared with arch/arm64/hyp/entry.S.
 */
#ifndef ARCH_HYP_ARCH_H
#define ARCH_HYP_ARCH_H

/* struct hyp_cpu (hyp/hyp.h): four longs, then the saved registers. */
#define HYP_CPU_STUB_VECTORS 16
#define HYP_CPU_STUB_SP	     24
#define HYP_CPU_SAVED	     32
#define HYP_SAVED_SCTLR	     (HYP_CPU_SAVED + 0)
#define HYP_SAVED_MAIR	     (HYP_CPU_SAVED + 8)
#define HYP_SAVED_TCR	     (HYP_CPU_SAVED + 16)
#define HYP_SAVED_TTBR0	     (HYP_CPU_SAVED + 24)
#define HYP_SAVED_TPIDR	     (HYP_CPU_SAVED + 32)
/* x0..x30 and a spare doubleword: SP stays 16-byte aligned. */
#define HYP_FRAME_SIZE 256

/* ESR_EL2/HSR class of a call. */
#define HYP_EC_HVC 0x16 /* hvc from AArch64 */

#ifndef __ASSEMBLER__
#include <arch/sysreg.h>
#include <stdint.h>

struct arch_hyp_saved {
	/* Put back by the vector code, after the MMU is off. */
	uint64_t sctlr, mair, tcr, ttbr0, tpidr;
	/* Put back in C (arch_hyp_stage2_off). */
	uint64_t hcr, vtcr, vttbr;
};

struct hyp_frame {
	uint64_t x[32];
};

static inline unsigned long hyp_frame_arg(const struct hyp_frame *f, unsigned n)
{
	return f->x[n];
}

/* The virtual address of a stage 2 abort (FAR_EL2; HIFAR or HDFAR). */
static inline unsigned long arch_hyp_fault_va(int insn)
{
	(void)insn;
	return sysreg_far_el2_read();
}

static inline void hyp_frame_set(struct hyp_frame *f, unsigned n, unsigned long v)
{
	f->x[n] = v;
}

SYSREG_RW(mair_el2, "mair_el2")
SYSREG_RW(tcr_el2, "tcr_el2")
SYSREG_RW(ttbr0_el2, "ttbr0_el2")
#endif
#endif
