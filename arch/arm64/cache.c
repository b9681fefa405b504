// SPDX-License-Identifier: MIT
/* Cache maintenance the shim needs before running freshly written code. */
#include <hypstub/arch.h>

void arch_icache_invalidate_all(void)
{
	/* Make the copies visible, then drop every stale instruction line. */
	__asm__ volatile("dsb ish\n\tic iallu\n\tdsb ish\n\tisb" ::: "memory");
}
