// SPDX-License-Identifier: MIT
/*
 * The arm counters: the ARMv7 PMU (PMUv2, cp15 c9) counting instructions
 * per mode with the Virtualization Extensions' filter bits, and the
 * cycle counter; and the boot count from the generic timer read at the
 * payload's entry.
 */
#include <stdint.h>
#include <stdio.h>

#include "bench.h"

#define PMU_EVENT_INST_RETIRED 0x08 /* architecturally executed instructions */

/* ID_DFR0.PerfMon, bits [27:24]. */
#define DFR0_PERFMON(dfr0) (((dfr0) >> 24) & 0xf)
#define PERFMON_V2	   2 /* PMUv2: mode filtering in PMXEVTYPER */
#define PERFMON_IMPDEF	   0xf

/* PMCR */
#define PMCR_E	     (1u << 0) /* enable all counters */
#define PMCR_P	     (1u << 1) /* reset the event counters to 0 */
#define PMCR_C	     (1u << 2) /* reset the cycle counter to 0 */
#define PMCR_D	     (1u << 3) /* cycle counter counts every 64th cycle: kept 0 */
#define PMCR_N(pmcr) (((pmcr) >> 11) & 0x1f)

/* PMXEVTYPER filter bits (PMUv2 with the Virtualization Extensions; no
 * Security Extensions on this machine, so NSK and NSU stay 0). */
#define PMXEVTYPER_P   (1u << 31) /* do not count at PL1 */
#define PMXEVTYPER_U   (1u << 30) /* do not count at PL0 */
#define PMXEVTYPER_NSH (1u << 27) /* count in HYP mode */

#define PMSELR_CYCLES 31	 /* PMXEVTYPER is then the cycle counter's filter */
#define PMCNTEN_C     (1u << 31) /* the cycle counter */

#define CP15_RW(name, op1, crn, crm, op2)                                                       \
	static inline uint32_t name##_read(void)                                                \
	{                                                                                       \
		uint32_t v;                                                                     \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v)); \
		return v;                                                                       \
	}                                                                                       \
	static inline void name##_write(uint32_t v)                                             \
	{                                                                                       \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2             \
				 "; isb" ::"r"(v)                                               \
				 : "memory");                                                   \
	}

CP15_RW(id_dfr0, 0, c0, c1, 2)
CP15_RW(pmcr, 0, c9, c12, 0)
CP15_RW(pmcntenset, 0, c9, c12, 1)
CP15_RW(pmcntenclr, 0, c9, c12, 2)
CP15_RW(pmovsr, 0, c9, c12, 3)
CP15_RW(pmselr, 0, c9, c12, 5)
CP15_RW(pmxevtyper, 0, c9, c13, 1)
CP15_RW(pmintenclr, 0, c9, c14, 2)

int bench_read_pmceid0(uint32_t *out);

static void set_filter(unsigned sel, uint32_t type)
{
	pmselr_write(sel);
	pmxevtyper_write(type);
}

int bench_counters_init(struct bench_counters *c)
{
	struct bench_args a = {.fn = (void *)bench_el1_loop};
	struct bench_sample s;
	uint32_t pmcr, pmceid0 = 0;
	int have_pmceid0;

	c->pmu_version = DFR0_PERFMON(id_dfr0_read());
	c->counters = 0;
	c->inst_retired = 0;
	c->el2_prohibit_cleared = 0; /* no HDCR.HPMD before PMUv3p1: nothing to re-allow */
	if (c->pmu_version < PERFMON_V2 || c->pmu_version == PERFMON_IMPDEF)
		return -1;
	pmcr = pmcr_read();
	c->counters = PMCR_N(pmcr);
	if (c->counters < 3)
		return -1;
	/* PMCEID0 bit n: common event n is implemented. An ARMv7 PMU may not
	 * have the register, and QEMU 7.2 defines it for ARMv8 CPUs only, so
	 * a missing register is no verdict: the event is then tried below. */
	have_pmceid0 = bench_read_pmceid0(&pmceid0);
	if (have_pmceid0)
		printf("BENCHINFO pmceid0 0x%08lx\n", (unsigned long)pmceid0);
	else
		printf("BENCHINFO pmceid0 undefined\n");
	if (have_pmceid0 && !((pmceid0 >> PMU_EVENT_INST_RETIRED) & 1))
		return -1;

	pmcntenclr_write(PMCNTEN_C | 7); /* stop counters 0-2 and cycles */
	pmintenclr_write(PMCNTEN_C | 7); /* no overflow interrupts */
	pmovsr_write(PMCNTEN_C | 7);	 /* clear overflow flags (write 1 to clear) */
	set_filter(0, PMU_EVENT_INST_RETIRED | PMXEVTYPER_P | PMXEVTYPER_U |
			  PMXEVTYPER_NSH);				       /* HYP only */
	set_filter(1, PMU_EVENT_INST_RETIRED | PMXEVTYPER_U);		       /* PL1 only */
	set_filter(2, PMU_EVENT_INST_RETIRED | PMXEVTYPER_U | PMXEVTYPER_NSH); /* PL1 and HYP */
	set_filter(PMSELR_CYCLES, PMXEVTYPER_U | PMXEVTYPER_NSH); /* cycles at PL1 and HYP */
	/* E: count; P, C: from zero; D = 0: every cycle, not every 64th. */
	pmcr_write((pmcr & ~0xffu) | PMCR_E | PMCR_P | PMCR_C);
	pmcntenset_write(PMCNTEN_C | 7);

	/* Without PMCEID0, does the event count at all? (QEMU has it only
	 * with -icount shift=N.) The exact checks come later. */
	a.x[0] = 10;
	bench_sample_call(&a, &s);
	c->inst_retired = s.el1 != 0;
	return c->inst_retired ? 0 : -1;
}

extern uint32_t bench_boot_ticks[26];
uint32_t bench_tick_burst(uint32_t ticks[24], unsigned skew);

#define BOOT_TICK_FREQ 62500000u /* QEMU virt's generic timer */
#define INSNS_PER_TICK 16	 /* 1 ns per instruction at -icount shift=0 */
#define BURST_READS    24
#define BURST_B	       27 /* entry.S */

/* Offset of read k from the first, in instructions. */
static unsigned burst_offset(unsigned k)
{
	return k < 12 ? k : BURST_B + (k - 12);
}

/*
 * The instruction number I0 (since reset) of a burst's first read: read
 * k ran as instruction I0 + offset(k) and saw floor((I0 + offset(k)) / 16).
 * Exactly one I0 in the first read's tick must fit all 24; -1 otherwise.
 */
static long burst_first(const uint32_t *t)
{
	long lo = (long)t[0] * INSNS_PER_TICK, found = -1, i0;
	unsigned k, fits = 0;

	for (i0 = lo; i0 < lo + INSNS_PER_TICK; i0++) {
		for (k = 0; k < BURST_READS; k++)
			if ((uint32_t)((i0 + burst_offset(k)) / INSNS_PER_TICK) != t[k])
				break;
		if (k == BURST_READS) {
			found = i0;
			fits++;
		}
	}
	return fits == 1 ? found : -1;
}

long bench_boot_instructions(void)
{
	if (bench_boot_ticks[BURST_READS + 1] != BOOT_TICK_FREQ ||
	    bench_boot_ticks[BURST_READS] != 0)
		return -1;
	return burst_first(bench_boot_ticks);
}

static long clock_offset(unsigned skew)
{
	uint32_t t[BURST_READS];
	uint32_t pmu = bench_tick_burst(t, skew);
	long first = burst_first(t);

	/* The bursts' first read is the instruction after the PMU read. */
	return first < 0 ? -1 : first - (long)pmu - 1;
}

long bench_clock_offset(void)
{
	return clock_offset(0);
}

/* The bursts resolve at every phase of the timer, to the same offset. */
void bench_arch_checks(void (*check)(const char *what, unsigned long got, unsigned long want))
{
	long first = clock_offset(0);
	unsigned skew, resolved = 0, same = 0;

	for (skew = 0; skew < INSNS_PER_TICK; skew++) {
		long off = clock_offset(skew);

		resolved += off >= 0;
		same += off == first;
	}
	check("boot.burst_resolves_every_phase", resolved, INSNS_PER_TICK);
	check("boot.burst_same_offset_every_phase", same, INSNS_PER_TICK);
}
