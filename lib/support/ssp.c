// SPDX-License-Identifier: MIT
/* The stack protector's hooks: Debian builds libfdt.a with it. */
#include <stdint.h>
#include <stdio.h>

uintptr_t __stack_chk_guard = (uintptr_t)0x2f8a0c5d7e31b946ull; /* truncated on 32-bit */

__attribute__((noreturn)) void __stack_chk_fail(void)
{
	printf("\n*** hypstub: stack smashing detected; stopped ***\n");
	for (;;)
		__asm__ volatile("wfi");
}
