// SPDX-License-Identifier: MIT
/* The fuzz suite's per-CPU `hvc` slots (fuzz_hvc.S): finding and calling them. */
#include <hypstub/bootinfo.h>
#include <stdint.h>

#include "arch_fuzz.h"

/* fuzz_hvc.S: one slot page per CPU from arch_fuzz_slots, one entry per CPU. */
#define FUZZ_SLOT_SIZE 4096
typedef void (*fuzz_call)(const unsigned long in[], unsigned long out[]);
extern char arch_fuzz_slots[];
extern const fuzz_call arch_fuzz_calls[HS_MAX_CPUS];

uint32_t *fuzz_slot_address(unsigned cpu)
{
	return (uint32_t *)(void *)(arch_fuzz_slots + (cpu % HS_MAX_CPUS) * FUZZ_SLOT_SIZE);
}

unsigned long arch_fuzz_slot_word(unsigned cpu)
{
	uint32_t word = *(volatile uint32_t *)fuzz_slot_address(cpu);

	return (unsigned long)word;
}

void arch_fuzz_hvc_regs(unsigned cpu, const unsigned long in[], unsigned long out[])
{
	arch_fuzz_calls[cpu % HS_MAX_CPUS](in, out);
}
