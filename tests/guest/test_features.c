// SPDX-License-Identifier: MIT
/*
 * Suite "features": after the shim dropped to EL1/PL1, everything the CPU
 * offers EL1 works without trapping to EL2/HYP. One test per feature:
 * the ID registers say whether the CPU has it ("not present" is reported
 * as a skip, with the field that says so, never as a pass); when it does,
 * the feature is used at EL1 (tests/guest/<arch>/features.c) and the
 * result checked. A trap to EL2/HYP stops the run in the stub's crash
 * report. Every test prints one "feature:" line; scripts/feature_table.py
 * turns the transcripts into the README's table.
 */
#include <arch/sysreg.h>
#include <hypstub/rt.h>

#include "arch_features.h"
#include "harness.h"

#define TIMER_ENABLE  1ul
#define TIMER_IMASK   2ul
#define TIMER_ISTATUS 4ul
#define ICC_SRE_SRE   1ul

static const char *const names[] = {
#define NAME(id, name) name,
    ARCH_FEATURES(NAME)
#undef NAME
};

static int timer_fires(void (*ctl_write)(unsigned long), unsigned long (*ctl_read)(void),
		       void (*tval_write)(unsigned long))
{
	unsigned spins;

	tval_write(100);
	ctl_write(TIMER_ENABLE | TIMER_IMASK);
	isb();
	for (spins = 0; spins < 10000000 && !(ctl_read() & TIMER_ISTATUS); spins++)
		;
	ctl_write(0);
	return spins < 10000000;
}

static void cntp_ctl_w(unsigned long v)
{
	sysreg_cntp_ctl_el0_write(v);
}
static unsigned long cntp_ctl_r(void)
{
	return sysreg_cntp_ctl_el0_read();
}
static void cntp_tval_w(unsigned long v)
{
	sysreg_cntp_tval_el0_write(v);
}
static void cntv_ctl_w(unsigned long v)
{
	sysreg_cntv_ctl_el0_write(v);
}
static unsigned long cntv_ctl_r(void)
{
	return sysreg_cntv_ctl_el0_read();
}
static void cntv_tval_w(unsigned long v)
{
	sysreg_cntv_tval_el0_write(v);
}

static void timers(char *detail, size_t len)
{
	uint64_t v0 = sysreg_cntvct_el0_read(), p0 = sysreg_cntpct_el0_read();

	EXPECT_TRUE(timer_fires(cntp_ctl_w, cntp_ctl_r, cntp_tval_w));
	EXPECT_TRUE(timer_fires(cntv_ctl_w, cntv_ctl_r, cntv_tval_w));
	EXPECT_TRUE(sysreg_cntvct_el0_read() > v0);
	EXPECT_TRUE(sysreg_cntpct_el0_read() > p0);
	snprintf(detail, len, "physical and virtual timers fired, counters at %lu Hz",
		 (unsigned long)sysreg_cntfrq_el0_read());
}

static void pmu_cycles(char *detail, size_t len)
{
	unsigned long c0, c1;

	sysreg_pmcntenset_el0_write(1ul << 31);
	sysreg_pmcr_el0_write(sysreg_pmcr_el0_read() | 1);
	isb();
	c0 = sysreg_pmccntr_el0_read();
	for (volatile int i = 0; i < 10000; i++)
		;
	c1 = sysreg_pmccntr_el0_read();
	EXPECT_TRUE(c1 != c0);
	snprintf(detail, len, "cycle counter +%lu", c1 - c0);
}

static void gicv3(char *detail, size_t len)
{
	EXPECT_TRUE(sysreg_icc_sre_el1_read() & ICC_SRE_SRE);
	sysreg_icc_pmr_el1_write(0xf0);
	isb();
	EXPECT_EQ(sysreg_icc_pmr_el1_read(), 0xf0);
	snprintf(detail, len, "ICC_SRE_EL1.SRE, ICC_PMR_EL1 written and read");
}

static void feature(enum arch_feature f)
{
	char why[128], detail[128] = "";

	if (!arch_feature_present(f, why, sizeof(why))) {
		printf("feature: %s: not present (%s)\n", names[f], why);
		test_skip("not present");
		return;
	}
	switch (f) {
	case ARCH_FEATURE_TIMERS: timers(detail, sizeof(detail)); break;
	case ARCH_FEATURE_PMU_CYCLES: pmu_cycles(detail, sizeof(detail)); break;
	case ARCH_FEATURE_GICV3: gicv3(detail, sizeof(detail)); break;
	default: arch_feature_exercise(f, detail, sizeof(detail)); break;
	}
	printf("feature: %s: %s (%s; %s)\n", names[f], test_failures() ? "FAILED" : "works", why,
	       detail);
}

#define FEATURE_TEST(id, name)              \
	TEST(features, id)                  \
	{                                   \
		feature(ARCH_FEATURE_##id); \
	}
ARCH_FEATURES(FEATURE_TEST)
