/* SPDX-License-Identifier: MIT */
/*
 * Where the running stub's vectors are: computed PC-relatively (a
 * movw/movt pair of the distance, added to the PC), so the answer is
 * right wherever the stub was copied.
 */
#ifndef ARCH_STUB_SELF_H
#define ARCH_STUB_SELF_H

#include <stdint.h>

static inline uintptr_t hs_stub_own_vectors(void)
{
	uintptr_t v;

	/* In ARM state the PC reads as the address of the `add` plus 8. */
	__asm__("movw %0, #:lower16:(hs_stub_vectors - (1f + 8))\n\t"
		"movt %0, #:upper16:(hs_stub_vectors - (1f + 8))\n"
		"1:\tadd %0, pc, %0"
		: "=r"(v));
	return v;
}

#endif
