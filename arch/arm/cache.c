// SPDX-License-Identifier: MIT
/* Cache maintenance the shim needs before running freshly written code. */
#include <hypstub/arch.h>

void arch_icache_invalidate_all(void)
{
	/* Make the copies visible, then drop every stale instruction line
	 * (ICIALLU) and branch prediction (BPIALL). */
	__asm__ volatile("dsb ish\n\t"
			 "mcr p15, 0, %0, c7, c5, 0\n\t"
			 "mcr p15, 0, %0, c7, c5, 6\n\t"
			 "dsb ish\n\t"
			 "isb" ::"r"(0)
			 : "memory");
}
