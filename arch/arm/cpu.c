// SPDX-License-Identifier: MIT
#include <arch/cpu.h>
#include <arch/sysreg.h>

uint64_t arch_pa_limit(void)
{
	/* With the HYP MMU off, addresses are the 32 bits of a register. */
	return 1ull << 32;
}

uint64_t arch_cpu_affinity(void)
{
	return sysreg_mpidr_el1_read() & 0xfffffful;
}
