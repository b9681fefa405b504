/* SPDX-License-Identifier: MIT */
/*
 * For the resident code (the stub, the CPU entry, el2_setup), which is
 * copied and links no library: what it would otherwise ask picolibc for.
 */
#ifndef HYPSTUB_NOLIBC_H
#define HYPSTUB_NOLIBC_H

#include <stddef.h>

/* memset(p, 0, n), written so that the compiler cannot turn it into a memset call. */
static inline void hs_clear(void *p, size_t n)
{
	volatile unsigned char *byte = (volatile unsigned char *)p;

	for (size_t i = 0; i < n; i++)
		byte[i] = 0;
}

#endif
