// SPDX-License-Identifier: MIT
#include <arch/cpu.h>
#include <arch/sysreg.h>

uint64_t arch_pa_limit(void)
{
	/* ID_AA64MMFR0_EL1.PARange: 32, 36, 40, 42, 44, 48, 52 bits. */
	static const unsigned char bits[] = {32, 36, 40, 42, 44, 48, 52};
	unsigned range = id_field(sysreg_id_aa64mmfr0_el1_read(), 0);

	if (range >= sizeof(bits))
		range = sizeof(bits) - 1;
	return 1ull << bits[range];
}

uint64_t arch_cpu_affinity(void)
{
	return sysreg_mpidr_el1_read() & 0xff00fffffful;
}
