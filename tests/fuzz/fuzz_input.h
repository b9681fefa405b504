/* SPDX-License-Identifier: MIT */
/*
 * Shared pieces of the libFuzzer targets (tests/fuzz/): reading the
 * fuzzer's bytes as fields, a buffer that ends at an unreadable page, and
 * a property check that aborts (libFuzzer then saves the input).
 */
#ifndef TESTS_FUZZ_INPUT_H
#define TESTS_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The fuzzer's bytes, consumed front to back; missing bytes read as 0. */
struct fuzz_input {
	const uint8_t *data;
	size_t size;
};

static inline uint64_t fuzz_take(struct fuzz_input *in, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		if (in->size) {
			v |= (uint64_t)in->data[0] << (8 * i);
			in->data++;
			in->size--;
		}
	return v;
}

/*
 * A property of the code under test failed: say which, then abort, which
 * libFuzzer reports as a crash and saves the input for.
 */
#define FUZZ_CHECK(cond)                                                                    \
	do {                                                                                \
		if (!(cond)) {                                                              \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, \
				#cond);                                                     \
			abort();                                                            \
		}                                                                           \
	} while (0)

/*
 * A copy of `size` bytes placed right before a PROT_NONE page, at an
 * 8-byte aligned address: a read past the end faults even in code that
 * AddressSanitizer does not see (the host's libfdt is not instrumented).
 * At most 8 bytes of slack between the end and the guard page. Reused
 * from one run to the next; fuzz_guarded_release() unmaps it.
 */
void *fuzz_guarded_copy(const uint8_t *data, size_t size);
void fuzz_guarded_release(void);

#endif
