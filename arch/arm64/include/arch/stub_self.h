/* SPDX-License-Identifier: MIT */
/*
 * Where the running stub's vectors are: found PC-relatively, so the
 * answer is right wherever the stub was copied. (Host unit tests put a
 * plain address here, tests/host/fake/arch/stub_self.h.)
 */
#ifndef ARCH_STUB_SELF_H
#define ARCH_STUB_SELF_H

#include <stdint.h>

static inline uintptr_t hs_stub_own_vectors(void)
{
	uintptr_t v;

	__asm__("adr %0, hs_stub_vectors" : "=r"(v));
	return v;
}

#endif
