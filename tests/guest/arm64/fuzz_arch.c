// SPDX-License-Identifier: MIT
/* arm64 side of the fuzz suite: rewriting the slot's `hvc #imm`. */
#include <stdint.h>

#include "../arch_fuzz.h"

unsigned long arch_fuzz_hvc_encoding(unsigned imm)
{
	/* HVC #imm16: 1101 0100 000 imm16 000 10 (Arm ARM C6.2). */
	return 0xd4000002ul | (unsigned long)(imm & 0xffff) << 5;
}

unsigned long arch_fuzz_set_imm(unsigned cpu, unsigned imm)
{
	uint32_t *slot = fuzz_slot_address(cpu);
	uint32_t word = (uint32_t)arch_fuzz_hvc_encoding(imm);

	*(volatile uint32_t *)slot = word;
	/* Data cache to the point of unification, then the instruction line. */
	__asm__ volatile("dc cvau, %0\n\t"
			 "dsb ish\n\t"
			 "ic ivau, %0\n\t"
			 "dsb ish\n\t"
			 "isb" ::"r"(slot)
			 : "memory");
	return (unsigned long)word;
}
