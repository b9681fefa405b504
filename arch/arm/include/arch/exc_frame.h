/* SPDX-License-Identifier: MIT */
/*
 * A whole exception, as the full-save entries store it: the stub's crash
 * path (crash_entry.S.inc) and the payload runtime's PL1 vectors
 * (rt_start.S) use the same layout, 22 words; elr and spsr come last so
 * that the runtime can return with `rfe`.
 */
#ifndef ARCH_EXC_FRAME_H
#define ARCH_EXC_FRAME_H

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

#define HS_EXC_FRAME_SIZE 88

#endif
