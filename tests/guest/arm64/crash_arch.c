// SPDX-License-Identifier: MIT
/* arm64 side of the crash kinds (tests/guest/arch_crash.h). */
#include <arch/sysreg.h>

#include "../arch_crash.h"

#define HCR_TVM (1ul << 26)

void arch_crash_hvc_here(void)
{
	__asm__ volatile("hvc #0" ::: "x0", "memory");
}

void arch_crash_undefined(void)
{
	__asm__ volatile(".inst 0x00000000" ::: "memory"); /* UDF #0 */
}

void arch_crash_trap_vm_writes(void)
{
	sysreg_hcr_el2_write(sysreg_hcr_el2_read() | HCR_TVM);
	isb();
}
