// SPDX-License-Identifier: MIT
/*
 * memcpy, memmove and memset for hypstub's own images (the shim and the
 * payloads), in place of Debian's picolibc ones, which are built for
 * size and move one byte per 5-instruction loop: libfdt moves the rest
 * of a device tree with memmove for every property it adds, and clears
 * and copies with the others. The linker takes these and never pulls
 * picolibc's. Not linked into the host tests, which keep the host's libc.
 */
#include <hypstub/bulk.h>
#include <string.h>

/* The byte loop below must stay a loop, not become a call to memset. */
#if defined(__GNUC__) && !defined(__clang__)
#define STRING_FN __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define STRING_FN
#endif

void *memcpy(void *dst, const void *src, size_t n)
{
	hs_bulk_copy(dst, src, n);
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	hs_bulk_move(dst, src, n);
	return dst;
}

STRING_FN void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	if (!c) {
		hs_bulk_zero(dst, n);
		return dst;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}
