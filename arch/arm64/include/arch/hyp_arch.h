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
#define HYP_FRAME_SIZE	256
#define HYP_STACK_SHIFT 12 /* log2(HYP_STACK_SIZE) */
/* How hyp_sync() wants the vector code to leave. */
#define HYP_EXIT_RETURN	  0 /* eret to the caller with the frame */
#define HYP_EXIT_TEARDOWN 1 /* torn down: MMU off, registers back, the `hvc` again */
#define HYP_EXIT_CRASH	  2 /* not ours: the stub's crash report */
/* struct hyp_shared (hyp/state.h): two words, then the stub's vectors. */
#define HYP_SHARED_STUB_VECTORS 8

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

static inline void hyp_frame_set(struct hyp_frame *f, unsigned n, unsigned long v)
{
	f->x[n] = v;
}

SYSREG_RW(mair_el2, "mair_el2")
SYSREG_RW(tcr_el2, "tcr_el2")
SYSREG_RW(ttbr0_el2, "ttbr0_el2")
#endif
#endif
