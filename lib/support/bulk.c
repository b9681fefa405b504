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
/* Inlined where `back` is a constant, so that each direction is its own loop. */
#define BULK_INLINE BULK_FN static inline __attribute__((always_inline))

/*
 * Words of `word_t`, 64 bytes a step, once both ends are aligned to the
 * word (their addresses must agree modulo its size: no unaligned access).
 * Forwards, or backwards (`back`: *dp and *sp are the ends, and move
 * down). Returns the bytes left for a byte loop; *dp and *sp move past
 * what was copied.
 */
#define COPY_STEPS(name, word_t)                                                                  \
	BULK_INLINE size_t name(unsigned char **dp, const unsigned char **sp, size_t n, int back) \
	{                                                                                         \
		unsigned char *d = *dp;                                                           \
		const unsigned char *s = *sp;                                                     \
		const unsigned words = STEP_BYTES / sizeof(word_t);                               \
		word_t *dw;                                                                       \
		const word_t *sw;                                                                 \
                                                                                                  \
		for (; n && ((uintptr_t)d & (sizeof(word_t) - 1)); n--)                           \
			if (back)                                                                 \
				*--d = *--s;                                                      \
			else                                                                      \
				*d++ = *s++;                                                      \
		dw = (word_t *)(void *)d;                                                         \
		sw = (const word_t *)(const void *)s;                                             \
		for (; n >= STEP_BYTES; n -= STEP_BYTES) {                                        \
			if (back) {                                                               \
				dw -= words;                                                      \
				sw -= words;                                                      \
				_Pragma("GCC unroll 16") for (unsigned i = words; i-- > 0;)       \
				    dw[i] = sw[i];                                                \
			} else {                                                                  \
				_Pragma("GCC unroll 16") for (unsigned i = 0; i < words; i++)     \
				    dw[i] = sw[i];                                                \
				dw += words;                                                      \
				sw += words;                                                      \
			}                                                                         \
		}                                                                                 \
		*dp = (unsigned char *)dw;                                                        \
		*sp = (const unsigned char *)sw;                                                  \
		return n;                                                                         \
	}
COPY_STEPS(copy64, uint64_t)
/* libfdt moves a tree's blocks by multiples of 4, not always of 8. */
COPY_STEPS(copy32, uint32_t)

/* memmove's bytes; `back`: highest first, from the ends d + n, s + n. */
BULK_INLINE void copy(unsigned char *d, const unsigned char *s, size_t n, int back)
{
	uintptr_t apart = (uintptr_t)d ^ (uintptr_t)s;

	if ((apart & (sizeof(uint64_t) - 1)) == 0)
		n = copy64(&d, &s, n, back);
	else if ((apart & (sizeof(uint32_t) - 1)) == 0)
		n = copy32(&d, &s, n, back);
	for (; n; n--)
		if (back)
			*--d = *--s;
		else
			*d++ = *s++;
}

BULK_FN void hs_bulk_copy(void *dst, const void *src, size_t n)
{
	copy(dst, src, n, 0);
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
	if (d <= s || d >= s + n)
		copy(d, s, n, 0);
	else
		copy(d + n, s + n, n, 1);
}
