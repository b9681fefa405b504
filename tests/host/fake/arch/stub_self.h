/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests: the stub's own vectors are a plain symbol the test
 * defines, instead of the PC-relative `adr` of the real header.
 */
#ifndef ARCH_STUB_SELF_H
#define ARCH_STUB_SELF_H

#include <stdint.h>

extern char hs_stub_vectors[];

static inline uintptr_t hs_stub_own_vectors(void)
{
	return (uintptr_t)hs_stub_vectors;
}

#endif
