// SPDX-License-Identifier: MIT
/* arm side of the crash kinds (tests/guest/arch_crash.h). */
#include <arch/sysreg.h>

#include "../arch_crash.h"

#define HCR_TVM (1ul << 26)

void arch_crash_hvc_here(void)
{
	__asm__ volatile(".arch_extension virt\n\thvc #0" ::: "r0", "memory");
}

void arch_crash_undefined(void)
{
	__asm__ volatile("udf #0" ::: "memory");
}

void arch_crash_trap_vm_writes(void)
{
	sysreg_hcr_el2_write(sysreg_hcr_el2_read() | HCR_TVM);
	isb();
}
