// SPDX-License-Identifier: MIT
/* arm side of the fuzz suite: rewriting the slot's `hvc #imm` (ARM state). */
#include <stdint.h>

#include "../arch_fuzz.h"

unsigned long arch_fuzz_hvc_encoding(unsigned imm)
{
	/* HVC #imm16 (A1): cond 1110, 0001 0100, imm12, 0111, imm4 (ARMv7-A ARM B9.3.8). */
	return 0xe1400070ul | (unsigned long)((imm >> 4) & 0xfff) << 8 | (imm & 0xf);
}

unsigned long arch_fuzz_set_imm(unsigned cpu, unsigned imm)
{
	uint32_t *slot = fuzz_slot_address(cpu);
	uint32_t word = (uint32_t)arch_fuzz_hvc_encoding(imm);

	*(volatile uint32_t *)slot = word;
	/* DCCMVAU, then ICIMVAU and BPIALL, each completed by dsb, then isb. */
	__asm__ volatile("mcr p15, 0, %0, c7, c11, 1\n\t"
			 "dsb\n\t"
			 "mcr p15, 0, %0, c7, c5, 1\n\t"
			 "mcr p15, 0, %0, c7, c5, 6\n\t"
			 "dsb\n\t"
			 "isb" ::"r"(slot)
			 : "memory");
	return (unsigned long)word;
}
