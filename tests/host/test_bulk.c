// SPDX-License-Identifier: MIT
/* lib/support/bulk.c: the same bytes as memcpy/memmove/memset, at every alignment, no byte outside.
 */
#include <hypstub/bulk.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"

#define AREA 512

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 131 + i * 7 + 1);
}

static void test_copy_every_alignment_and_size(void **state)
{
	static unsigned char src[AREA], dst[AREA], want[AREA];

	(void)state;
	for (size_t s_off = 0; s_off < 16; s_off++)
		for (size_t d_off = 0; d_off < 16; d_off++)
			for (size_t n = 0; n < 300; n += (n < 80 ? 1 : 13)) {
				fill(src, sizeof(src), (unsigned)(s_off + n));
				fill(dst, sizeof(dst), 99);
				memcpy(want, dst, sizeof(want));
				memcpy(want + d_off, src + s_off, n);
				hs_bulk_copy(dst + d_off, src + s_off, n);
				assert_memory_equal(dst, want, sizeof(dst));
			}
}

static void test_zero_every_alignment_and_size(void **state)
{
	static unsigned char dst[AREA], want[AREA];

	(void)state;
	for (size_t off = 0; off < 16; off++)
		for (size_t n = 0; n < 300; n += (n < 80 ? 1 : 13)) {
			fill(dst, sizeof(dst), (unsigned)n);
			memcpy(want, dst, sizeof(want));
			memset(want + off, 0, n);
			hs_bulk_zero(dst + off, n);
			assert_memory_equal(dst, want, sizeof(dst));
		}
}

/* Overlapping blocks both ways, every relative alignment: memmove's bytes. */
static void test_move_every_overlap(void **state)
{
	static unsigned char buf[AREA], want[AREA];

	(void)state;
	for (size_t s_off = 64; s_off < 80; s_off++)
		for (size_t d_off = 0; d_off < 160; d_off += (d_off < 48 || d_off > 96 ? 1 : 5))
			for (size_t n = 0; n < 300; n += (n < 80 ? 1 : 13)) {
				fill(buf, sizeof(buf), (unsigned)(s_off + n));
				memcpy(want, buf, sizeof(want));
				memmove(want + d_off, want + s_off, n);
				hs_bulk_move(buf + d_off, buf + s_off, n);
				assert_memory_equal(buf, want, sizeof(buf));
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_copy_every_alignment_and_size),
	    cmocka_unit_test(test_zero_every_alignment_and_size),
	    cmocka_unit_test(test_move_every_overlap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
