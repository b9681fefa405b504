// SPDX-License-Identifier: MIT
/*
 * HYP set-up of the 32-bit shim (arch/arm/el2_setup.c) on fake CPUs
 * described by their ID registers. The fake CPU speaks the AArch64 names
 * the arm layer uses too (sysreg_hcr_el2_* is HCR there, ...). The field
 * positions and control register bits below are written from the ARMv7-A
 * Arm ARM (DDI 0406C, B4.1), independently of el2_setup.c.
 */
#include <arch/el2_setup.h>
#include <string.h>

#include "fake/fake_cpu.h"

#define F(shift, v) ((uint64_t)(v) << (shift))
#define BIT(n)	    (1ull << (n))

/* HCPTR: TCP10/TCP11 (VFP) at 10/11, TASE 15, TTA 20, TCPAC 31; the
 * other TCPn are RES1 (no such coprocessor). */
#define HCPTR_RES1 0x33ffull
/* CNTHCTL: PL1PCTEN 0, PL1PCEN 1. */
#define CNTHCTL_PL1_OWNS BIT(0) | BIT(1)
/* ICC_HSRE: SRE 0, Enable 3. */
#define ICC_HSRE_SRE_ENABLE (BIT(0) | BIT(3))
/* HSCTLR: RES1 29:28, 23:22, 18, 16, 11, 4:3; M 0, A 1, C 2, I 12, EE 25, TE 30. */
#define HSCTLR_RES1	0x30c50818ull
#define HSCTLR_CONTROLS (BIT(0) | BIT(1) | BIT(2) | BIT(12) | BIT(25) | BIT(30))
/* SCTLR: M 0, A 1, C 2, I 12, V 13, EE 25, TE 30 must be clear for the payload. */
#define SCTLR_CONTROLS (BIT(0) | BIT(1) | BIT(2) | BIT(12) | BIT(13) | BIT(25) | BIT(30))
#define SCTLR_RES1_V7  0x00c50058ull /* 23, 22, 18, 16, 6, 4, 3 */

struct cpu_model {
	uint64_t midr, mpidr, pfr1, dfr0, pmcr;
};

/* Cortex-A15: Virtualization and Generic Timer in ID_PFR1, PMUv2 with 6 counters. */
static const struct cpu_model a15 = {
    .midr = 0x412fc0f1,
    .mpidr = 0x80000000,
    .pfr1 = F(0, 1) | F(4, 1) | F(12, 1) /* Virtualization */ | F(16, 1) /* GenTimer */,
    .dfr0 = F(24, 2) /* PerfMon: PMUv2 */ | 0x10555,
    .pmcr = 0x410f3000 | F(11, 6),
};
#define A15_COUNTERS 6

static struct el2_state st;

static void run(const struct cpu_model *m, bool want_gicv3)
{
	fake_cpu_reset();
	for (unsigned r = 0; r < FAKE_NREGS; r++)
		if (fake_reg_writable[r])
			fake_cpu.reg[r] = 0x5a5a5a5a00000000ull | r;
	fake_cpu.reg[FR_hcr_el2] = 0;
	fake_cpu.reg[FR_midr_el1] = m->midr;
	fake_cpu.reg[FR_mpidr_el1] = m->mpidr;
	fake_cpu.reg[FR_id_pfr1_el1] = m->pfr1;
	fake_cpu.reg[FR_id_dfr0_el1] = m->dfr0;
	fake_cpu.reg[FR_pmcr_el0] = m->pmcr;
	/* The fake decides which registers exist from the AArch64 ID
	 * registers: describe the same PMU and GIC interface there. */
	fake_cpu.reg[FR_id_aa64dfr0_el1] = id_field(m->dfr0, 24) ? F(8, 1) : 0;
	fake_cpu.reg[FR_id_aa64pfr0_el1] = id_field(m->pfr1, 28) ? F(24, 1) : 0;
	memset(&st, 0, sizeof(st));
	el2_setup(&st, want_gicv3);
	assert_fake_ok();
	/* An isb after the last write, before the drop to SVC. */
	assert_true(fake_log_isb_between(fake_log_find(FR_sctlr_el1, 0), (int)fake_cpu.nlog));
}

static void assert_common(const struct cpu_model *m)
{
	assert_wrote_once(hcr_el2, 0); /* no traps, no routing, no stage 2 */
	assert_int_equal(st.hcr, 0);
	assert_wrote_once(cptr_el2, HCPTR_RES1);
	assert_int_equal(st.hcptr & (BIT(10) | BIT(11) | BIT(15) | BIT(20) | BIT(31)), 0);
	assert_wrote_once(hstr_el2, 0);
	assert_wrote_once(vttbr_el2, 0);
	assert_wrote_once(vpidr_el2, m->midr);
	assert_wrote_once(vmpidr_el2, m->mpidr);
	assert_int_equal(fake_cpu.writes[FR_sctlr_el2], 1);
	assert_int_equal(fake_cpu.reg[FR_sctlr_el2] & HSCTLR_CONTROLS, 0);
	assert_int_equal(fake_cpu.reg[FR_sctlr_el2] & HSCTLR_RES1, HSCTLR_RES1);
	assert_int_equal(st.hsctlr, fake_cpu.reg[FR_sctlr_el2]);
	assert_int_equal(fake_cpu.writes[FR_sctlr_el1], 1);
	assert_int_equal(fake_cpu.reg[FR_sctlr_el1] & SCTLR_CONTROLS, 0);
	assert_int_equal(fake_cpu.reg[FR_sctlr_el1] & SCTLR_RES1_V7, SCTLR_RES1_V7);
	assert_int_equal(st.sctlr, fake_cpu.reg[FR_sctlr_el1]);
}

static void test_a15_gicv2(void **state)
{
	(void)state;
	run(&a15, false);
	assert_common(&a15);
	assert_wrote_once(cnthctl_el2, CNTHCTL_PL1_OWNS);
	assert_int_equal(st.cnthctl, 3);
	assert_wrote_once(cntvoff_el2, 0);
	assert_wrote_once(cnthp_ctl_el2, 0);
	assert_wrote_once(mdcr_el2, A15_COUNTERS); /* HPMN = N, every trap off */
	assert_int_equal(st.pmu_counters, A15_COUNTERS);
	assert_not_written(icc_sre_el2);
	assert_not_written(ich_hcr_el2);
	assert_false(st.gic_sre_ok);
	assert_true(st.feat.generic_timer && st.feat.pmu && !st.feat.gicv3_sysregs);
}

static void test_a15_gicv3(void **state)
{
	struct cpu_model m = a15;

	(void)state;
	m.pfr1 |= F(28, 1); /* GIC: the CPU interface system registers */
	run(&m, true);
	assert_common(&m);
	assert_wrote_once(icc_sre_el2, ICC_HSRE_SRE_ENABLE);
	assert_int_equal(st.icc_hsre, ICC_HSRE_SRE_ENABLE);
	assert_true(st.gic_sre_ok);
	assert_wrote_once(ich_hcr_el2, 0);
}

/* The device tree says GICv3, the CPU has no system register interface: leave it alone. */
static void test_gicv3_without_sysregs(void **state)
{
	(void)state;
	run(&a15, true);
	assert_not_written(icc_sre_el2);
	assert_false(st.gic_sre_ok);
}

/* A CPU with the system registers on a GICv2 machine: not touched either. */
static void test_sysregs_on_gicv2_machine(void **state)
{
	struct cpu_model m = a15;

	(void)state;
	m.pfr1 |= F(28, 1);
	run(&m, false);
	assert_not_written(icc_sre_el2);
}

static void test_no_generic_timer(void **state)
{
	struct cpu_model m = a15;

	(void)state;
	m.pfr1 &= ~F(16, 0xf);
	run(&m, false);
	assert_common(&m);
	assert_not_written(cnthctl_el2);
	assert_not_written(cntvoff_el2);
	assert_not_written(cnthp_ctl_el2);
}

static void test_no_pmu(void **state)
{
	static const unsigned perfmon[] = {0, 0xf}; /* none, IMPLEMENTATION DEFINED */

	(void)state;
	for (unsigned i = 0; i < 2; i++) {
		struct cpu_model m = a15;

		m.dfr0 = (m.dfr0 & ~F(24, 0xf)) | F(24, perfmon[i]);
		run(&m, false);
		assert_wrote_once(mdcr_el2, 0);
		assert_int_equal(fake_cpu.reads[FR_pmcr_el0], 0);
		assert_int_equal(st.pmu_counters, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a15_gicv2),
	    cmocka_unit_test(test_a15_gicv3),
	    cmocka_unit_test(test_gicv3_without_sysregs),
	    cmocka_unit_test(test_sysregs_on_gicv2_machine),
	    cmocka_unit_test(test_no_generic_timer),
	    cmocka_unit_test(test_no_pmu),
	};

	return cmocka_run_group_tests_name("el2_setup_arm", tests, NULL, NULL);
}
