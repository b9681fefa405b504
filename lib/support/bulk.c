// SPDX-License-Identifier: MIT
/* Block copy and clear, 64 bytes a step where the alignment allows (bulk.h). */
#include <hypstub/bulk.h>
#include <stdint.h>

#define WORD_ALIGN (sizeof(uint64_t) - 1)
/* Words a step: 8 (64 bytes, one cache line on the CPUs hypstub meets) keeps the loop's own cost
 * small. */
#define STEP_WORDS 8
#define STEP_BYTES (STEP_WORDS * sizeof(uint64_t))

/* The loops below must stay loops: GCC would turn them back into calls to
 * memcpy/memset. (Clang, which builds the host fuzzers, has no such switch.) */
#if defined(__GNUC__) && !defined(__clang__)
#define BULK_FN __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define BULK_FN
#endif

/*
 * 32-bit words, 64 bytes a step, for ends that can be aligned together
 * only to 4 bytes (libfdt moves a tree's blocks by multiples of 4).
 * Returns the bytes left; *dp and *sp move past what was copied.
 * Backwards (`back`): *dp and *sp are the ends, and move down.
 */
BULK_FN static size_t copy32(unsigned char **dp, const unsigned char **sp, size_t n, int back)
{
	unsigned char *d = *dp;
	const unsigned char *s = *sp;
	uint32_t *dw;
	const uint32_t *sw;

	for (; n && ((uintptr_t)d & 3); n--)
		if (back)
			*--d = *--s;
		else
			*d++ = *s++;
	dw = (uint32_t *)(void *)d;
	sw = (const uint32_t *)(const void *)s;
	for (; n >= STEP_BYTES; n -= STEP_BYTES) {
		if (back) {
			dw -= 2 * STEP_WORDS;
			sw -= 2 * STEP_WORDS;
#pragma GCC unroll 16
			for (unsigned i = 2 * STEP_WORDS; i-- > 0;)
				dw[i] = sw[i];
		} else {
#pragma GCC unroll 16
			for (unsigned i = 0; i < 2 * STEP_WORDS; i++)
				dw[i] = sw[i];
			dw += 2 * STEP_WORDS;
			sw += 2 * STEP_WORDS;
		}
	}
	*dp = (unsigned char *)dw;
	*sp = (const unsigned char *)sw;
	return n;
}

BULK_FN void hs_bulk_copy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_ALIGN) != 0 &&
	    (((uintptr_t)d ^ (uintptr_t)s) & 3) == 0)
		n = copy32(&d, &s, n, 0);
	/* Word steps only when both ends can be aligned together (no unaligned access). */
	if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_ALIGN) == 0) {
		uint64_t *dw;
		const uint64_t *sw;

		for (; n && ((uintptr_t)d & WORD_ALIGN); n--)
			*d++ = *s++;
		dw = (uint64_t *)(void *)d;
		sw = (const uint64_t *)(const void *)s;
		for (; n >= STEP_BYTES; n -= STEP_BYTES) {
#pragma GCC unroll 8
			for (unsigned i = 0; i < STEP_WORDS; i++)
				dw[i] = sw[i];
			dw += STEP_WORDS;
			sw += STEP_WORDS;
		}
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}
	for (; n; n--)
		*d++ = *s++;
}

BULK_FN void hs_bulk_zero(void *dst, size_t n)
{
	unsigned char *d = dst;
	uint64_t *dw;

	for (; n && ((uintptr_t)d & WORD_ALIGN); n--)
		*d++ = 0;
	dw = (uint64_t *)(void *)d;
	for (; n >= STEP_BYTES; n -= STEP_BYTES) {
#pragma GCC unroll 8
		for (unsigned i = 0; i < STEP_WORDS; i++)
			dw[i] = 0;
		dw += STEP_WORDS;
	}
	for (d = (unsigned char *)dw; n; n--)
		*d++ = 0;
}

BULK_FN void hs_bulk_move(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Lowest byte first is safe unless the destination starts inside the source. */
	if (d <= s || d >= s + n) {
		hs_bulk_copy(dst, src, n);
		return;
	}
	d += n;
	s += n;
	if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_ALIGN) != 0 &&
	    (((uintptr_t)d ^ (uintptr_t)s) & 3) == 0)
		n = copy32(&d, &s, n, 1);
	else if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_ALIGN) == 0) {
		uint64_t *dw;
		const uint64_t *sw;

		for (; n && ((uintptr_t)d & WORD_ALIGN); n--)
			*--d = *--s;
		dw = (uint64_t *)(void *)d;
		sw = (const uint64_t *)(const void *)s;
		for (; n >= STEP_BYTES; n -= STEP_BYTES) {
			dw -= STEP_WORDS;
			sw -= STEP_WORDS;
#pragma GCC unroll 8
			for (unsigned i = STEP_WORDS; i-- > 0;)
				dw[i] = sw[i];
		}
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}
	for (; n; n--)
		*--d = *--s;
}
