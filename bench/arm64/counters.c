// SPDX-License-Identifier: MIT
/*
 * The arm64 counters: the PMU's INST_RETIRED event, filtered by
 * exception level, and the cycle counter; and the boot count from the
 * generic timer read at the payload's entry.
 */
#include <arch/sysreg.h>
#include <hypstub/rt_el2.h>
#include <stdint.h>

#include "bench.h"

#define PMU_EVENT_INST_RETIRED 0x08

/* ID_AA64DFR0_EL1.PMUVer, bits [11:8]. */
#define DFR0_PMUVER(dfr0) (((dfr0) >> 8) & 0xf)
#define PMUVER_V3	  1 /* PMUv3, Armv8.0 */
#define PMUVER_V3P1	  4 /* PMUv3 for Armv8.1: MDCR_EL2.HPMD exists */
#define PMUVER_IMPDEF	  0xf

/* PMCR_EL0 */
#define PMCR_E	     (1ul << 0) /* enable all counters */
#define PMCR_P	     (1ul << 1) /* reset the event counters to 0 */
#define PMCR_C	     (1ul << 2) /* reset the cycle counter to 0 */
#define PMCR_LC	     (1ul << 6) /* cycle counter overflows at 64 bits */
#define PMCR_N(pmcr) (((pmcr) >> 11) & 0x1f)

/* PMEVTYPER<n>_EL0 and PMCCFILTR_EL0 filter bits (no EL3 here). */
#define PMEVTYPER_P   (1ul << 31) /* do not count at EL1 */
#define PMEVTYPER_U   (1ul << 30) /* do not count at EL0 */
#define PMEVTYPER_NSH (1ul << 27) /* count at EL2 */

/* MDCR_EL2 */
#define MDCR_HPMD (1ul << 17) /* event counting prohibited at EL2 */

#define PMCNTEN_C (1ul << 31) /* the cycle counter */

#define SYSREG_BENCH(name)                                                      \
	static inline uint64_t name##_read(void)                                \
	{                                                                       \
		uint64_t v;                                                     \
		__asm__ volatile("mrs %0, " #name : "=r"(v));                   \
		return v;                                                       \
	}                                                                       \
	static inline void name##_write(uint64_t v)                             \
	{                                                                       \
		__asm__ volatile("msr " #name ", %0; isb" ::"r"(v) : "memory"); \
	}

SYSREG_BENCH(pmceid0_el0)
SYSREG_BENCH(pmevtyper0_el0)
SYSREG_BENCH(pmevtyper1_el0)
SYSREG_BENCH(pmevtyper2_el0)
SYSREG_BENCH(pmccfiltr_el0)
SYSREG_BENCH(pmcntenset_el0)
SYSREG_BENCH(pmcntenclr_el0)
SYSREG_BENCH(pmintenclr_el1)
SYSREG_BENCH(pmovsclr_el0)

static unsigned long el2_allow_counting(unsigned long unused)
{
	(void)unused;
	/* HPMD = 0: counters 0..HPMN-1 (all of them) count at EL2 too. */
	sysreg_mdcr_el2_write(sysreg_mdcr_el2_read() & ~MDCR_HPMD);
	__asm__ volatile("isb");
	return sysreg_mdcr_el2_read();
}

int bench_counters_init(struct bench_counters *c)
{
	uint64_t pmcr;

	c->pmu_version = DFR0_PMUVER(sysreg_id_aa64dfr0_el1_read());
	c->counters = 0;
	c->inst_retired = 0;
	c->el2_prohibit_cleared = 0;
	if (c->pmu_version < PMUVER_V3 || c->pmu_version == PMUVER_IMPDEF)
		return -1;
	pmcr = sysreg_pmcr_el0_read();
	c->counters = PMCR_N(pmcr);
	/* PMCEID0_EL0 bit n: common event n is implemented. QEMU has
	 * INST_RETIRED only with -icount in its precise (shift=N) mode. */
	c->inst_retired = (pmceid0_el0_read() >> PMU_EVENT_INST_RETIRED) & 1;
	if (c->counters < 3 || !c->inst_retired)
		return -1;
	if (c->pmu_version >= PMUVER_V3P1 && (rt_el2_call(el2_allow_counting, 0) & MDCR_HPMD) == 0)
		c->el2_prohibit_cleared = 1;

	pmcntenclr_el0_write(PMCNTEN_C | 7); /* stop counters 0-2 and cycles */
	pmintenclr_el1_write(PMCNTEN_C | 7); /* no overflow interrupts */
	pmovsclr_el0_write(PMCNTEN_C | 7);   /* clear overflow flags */
	pmevtyper0_el0_write(PMU_EVENT_INST_RETIRED | PMEVTYPER_P | PMEVTYPER_U |
			     PMEVTYPER_NSH);			    /* EL2 only */
	pmevtyper1_el0_write(PMU_EVENT_INST_RETIRED | PMEVTYPER_U); /* EL1 only */
	pmevtyper2_el0_write(PMU_EVENT_INST_RETIRED | PMEVTYPER_U |
			     PMEVTYPER_NSH);		  /* EL1 and EL2 */
	pmccfiltr_el0_write(PMEVTYPER_U | PMEVTYPER_NSH); /* cycles at EL1 and EL2 */
	/* E: count; P, C: from zero; LC: 64-bit cycle counter; D = 0: every
	 * cycle, not every 64th. */
	sysreg_pmcr_el0_write((pmcr & ~0xfful) | PMCR_E | PMCR_P | PMCR_C | PMCR_LC);
	__asm__ volatile("isb");
	pmcntenset_el0_write(PMCNTEN_C | 7);
	return 0;
}

extern uint64_t bench_boot_ticks[17];
uint32_t bench_tick_burst(uint64_t ticks[16]);

#define BOOT_TICK_FREQ 62500000ul /* QEMU virt's generic timer */
#define INSNS_PER_TICK 16	  /* 1 ns per instruction at -icount shift=0 */

/* Read k of a burst ran as instruction number I0 + k since reset
 * (counting itself) and saw floor((I0 + k) / 16): returns I0. */
static long burst_first(const uint64_t *t)
{
	unsigned k;

	for (k = 1; k < 16; k++)
		if (t[k] != t[0])
			return (long)(t[k] * INSNS_PER_TICK) - (long)k;
	return (long)(t[0] * INSNS_PER_TICK);
}

long bench_boot_instructions(void)
{
	if (bench_boot_ticks[16] != BOOT_TICK_FREQ)
		return -1;
	return burst_first(bench_boot_ticks);
}

long bench_clock_offset(void)
{
	uint64_t t[16];
	uint32_t pmu = bench_tick_burst(t);

	/* The burst's first read is the instruction after the PMU read. */
	return burst_first(t) - (long)pmu - 1;
}

/* The sixteen reads in a row pin every phase by themselves: nothing to add. */
void bench_arch_checks(void (*check)(const char *what, unsigned long got, unsigned long want))
{
	(void)check;
}
