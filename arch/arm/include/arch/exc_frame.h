/* SPDX-License-Identifier: MIT */
/*
 * A whole exception, as the full-save entries store it: the stub's crash
 * path (crash_entry.S.inc) and the payload runtime's PL1 vectors
 * (rt_start.S) use the same layout, 22 words; elr and spsr come last so
 * that the runtime can return with `rfe`.
 */
#ifndef ARCH_EXC_FRAME_H
#define ARCH_EXC_FRAME_H

/* Offsets, for the assembly that fills the frame. */
#define HS_EXC_FRAME_SIZE  88
#define HS_EXC_FRAME_SP	   52
#define HS_EXC_FRAME_LR	   56
#define HS_EXC_FRAME_ESR   60
#define HS_EXC_FRAME_HPFAR 72
#define HS_EXC_FRAME_MODE  76
#define HS_EXC_FRAME_ELR   80
#define HS_EXC_FRAME_SPSR  84

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct hs_exc_frame {
	uint32_t r[13];
	uint32_t sp, lr; /* of the mode the exception came from */
	uint32_t esr;	 /* HSR in HYP; DFSR or IFSR in the payload */
	uint32_t far;	 /* HDFAR in HYP; DFAR or IFAR in the payload */
	uint32_t ifar;	 /* HIFAR in HYP, 0 in the payload */
	uint32_t hpfar;	 /* HPFAR in HYP, 0 in the payload */
	uint32_t mode;	 /* the mode the exception came from (SPSR.M) */
	uint32_t elr;	 /* preferred return address */
	uint32_t spsr;
};

_Static_assert(sizeof(struct hs_exc_frame) == HS_EXC_FRAME_SIZE, "frame size");
_Static_assert(offsetof(struct hs_exc_frame, sp) == HS_EXC_FRAME_SP, "frame sp");
_Static_assert(offsetof(struct hs_exc_frame, lr) == HS_EXC_FRAME_LR, "frame lr");
_Static_assert(offsetof(struct hs_exc_frame, esr) == HS_EXC_FRAME_ESR, "frame esr");
_Static_assert(offsetof(struct hs_exc_frame, hpfar) == HS_EXC_FRAME_HPFAR, "frame hpfar");
_Static_assert(offsetof(struct hs_exc_frame, mode) == HS_EXC_FRAME_MODE, "frame mode");
_Static_assert(offsetof(struct hs_exc_frame, elr) == HS_EXC_FRAME_ELR, "frame elr");
_Static_assert(offsetof(struct hs_exc_frame, spsr) == HS_EXC_FRAME_SPSR, "frame spsr");
#endif

#endif
