/* SPDX-License-Identifier: MIT */
/* What the shared ABI checks (tests/abi/) need, in hypstub's guest payload. */
#ifndef TESTS_GUEST_ABI_ENV_H
#define TESTS_GUEST_ABI_ENV_H

#include <hypstub/rt.h>
#include <stdio.h>
#include <string.h>

#define ABI_PRINT(...) printf(__VA_ARGS__)

static inline unsigned long abi_random(void)
{
	return (unsigned long)rt_random();
}

#endif
