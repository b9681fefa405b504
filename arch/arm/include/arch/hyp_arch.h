/* SPDX-License-Identifier: MIT */
/*
 * The sample hypervisor's AArch32 (HYP mode) side: the registers it saves
 * at install and puts back at teardown, and the frame its vector code
 * saves. Offsets are shared with arch/arm/hyp/entry.S.
 */
#ifndef ARCH_HYP_ARCH_H
#define ARCH_HYP_ARCH_H

/* struct hyp_cpu (hyp/hyp.h): four words, then the saved registers. */
#define HYP_CPU_STUB_VECTORS 8
#define HYP_CPU_STUB_SP	     12
#define HYP_CPU_SAVED	     16
#define HYP_SAVED_TTBR0	     (HYP_CPU_SAVED + 0)
#define HYP_SAVED_SCTLR	     (HYP_CPU_SAVED + 16)
#define HYP_SAVED_MAIR	     (HYP_CPU_SAVED + 20)
#define HYP_SAVED_MAIR1	     (HYP_CPU_SAVED + 24)
#define HYP_SAVED_TCR	     (HYP_CPU_SAVED + 28)
#define HYP_SAVED_TPIDR	     (HYP_CPU_SAVED + 32)
/* r0..r12, lr and two spare words: SP stays 8-byte aligned. */
#define HYP_FRAME_SIZE 64

/* ESR_EL2/HSR class of a call. */
#define HYP_EC_HVC 0x12 /* hvc */

#ifndef __ASSEMBLER__
#include <arch/sysreg.h>
#include <stdint.h>

struct arch_hyp_saved {
	/* Put back by the vector code, after the MMU is off (and HTTBR). */
	uint64_t ttbr0; /* HTTBR */
	/* Put back in C (arch_hyp_stage2_off). */
	uint64_t vttbr;
	/* Put back by the vector code. */
	uint32_t sctlr, mair, mair1, tcr, tpidr; /* HSCTLR, HMAIR0/1, HTCR, HTPIDR */
	/* Put back in C. */
	uint32_t hcr, vtcr;
};

struct hyp_frame {
	uint32_t r[16];
};

static inline unsigned long hyp_frame_arg(const struct hyp_frame *f, unsigned n)
{
	return f->r[n];
}

/* The virtual address of a stage 2 abort (FAR_EL2; HIFAR or HDFAR). */
static inline unsigned long arch_hyp_fault_va(int insn)
{
	return insn ? sysreg_hifar_el2_read() : sysreg_far_el2_read();
}

static inline void hyp_frame_set(struct hyp_frame *f, unsigned n, unsigned long v)
{
	f->r[n] = v;
}

SYSREG32_RW(mair_el2, 4, c10, c2, 0)  /* HMAIR0 */
SYSREG32_RW(mair1_el2, 4, c10, c2, 1) /* HMAIR1 */
SYSREG32_RW(tcr_el2, 4, c2, c0, 2)    /* HTCR */
SYSREG64_RW(ttbr0_el2, 4, c2)	      /* HTTBR */
SYSREG_BANKED_RW(spsr_abt, "SPSR_abt")
SYSREG_BANKED_RW(lr_abt, "LR_abt")
#endif
#endif
