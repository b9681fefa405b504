/* SPDX-License-Identifier: MIT */
/*
 * A whole exception, as the full-save vector entries store it: the stub's
 * crash path (crash_entry.S.inc) and the payload runtime's EL1 vectors
 * (rt_start.S) use the same layout, 36 doublewords.
 */
#ifndef ARCH_EXC_FRAME_H
#define ARCH_EXC_FRAME_H

#include <stdint.h>

struct hs_exc_frame {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
};

#endif
