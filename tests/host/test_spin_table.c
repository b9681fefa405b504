// SPDX-License-Identifier: MIT
/*
 * Spin-table release (drivers/cpu/release.c, drivers/cpu/spin_table.c)
 * on the fake CPU: the entry written, its line cleaned to the point of
 * coherency (what a CPU waiting with its MMU off reads), a dsb, then sev;
 * and bad release addresses refused with nothing written.
 */
#include <hypstub/cpu_release.h>
#include <string.h>

#include "../../drivers/cpu/cpu_ops.h"
#include "fake/fake_cpu.h"

/* drivers/cpu/psci.c is linked for hs_cpu_ops_for(); no PSCI call is made here. */
unsigned long arch_smccc(unsigned long fid, unsigned long a1, unsigned long a2, unsigned long a3,
			 int use_hvc)
{
	(void)fid, (void)a1, (void)a2, (void)a3, (void)use_hvc;
	fail_msg("a PSCI call from the spin-table driver");
	return 0;
}

static int setup(void **state)
{
	(void)state;
	fake_cpu_reset();
	return 0;
}

/* The order a waiting CPU needs: clean of `addr` holding `want`, then dsb, then sev. */
static void assert_released(const volatile void *addr, uint64_t want)
{
	int clean = -1, dsb, wake;

	for (unsigned i = 0; i < fake_cpu.nlog; i++)
		if (fake_cpu.log[i].what == FE_DC_CVAC &&
		    fake_cpu.log[i].val == (uint64_t)(uintptr_t)addr)
			clean = (int)i;
	if (clean < 0) {
		fake_log_dump();
		fail_msg("the release word was never cleaned to the point of coherency");
	}
	dsb = wake = -1;
	for (unsigned i = (unsigned)clean + 1; i < fake_cpu.nlog; i++) {
		if (dsb < 0 && fake_cpu.log[i].what == FE_DSB)
			dsb = (int)i;
		if (dsb >= 0 && wake < 0 && fake_cpu.log[i].what == FE_SEV)
			wake = (int)i;
	}
	if (dsb < 0 || wake < 0) {
		fake_log_dump();
		fail_msg("want clean (%d) < dsb (%d) < sev (%d)", clean, dsb, wake);
	}
	/* What reached memory at the clean: the entry itself, not what was there before. */
	assert_int_equal(fake_cpu.poc_value, want);
	assert_int_equal(fake_cpu.nwrites, 0); /* no system register */
}

static void test_write(void **state)
{
	uint64_t word[2] = {0, 0x1234};

	(void)state;
	hs_spin_table_write(&word[0], 0x40201000);
	assert_int_equal(word[0], 0x40201000);
	assert_int_equal(word[1], 0x1234); /* nothing beside it */
	assert_released(&word[0], 0x40201000);
	assert_fake_ok();
}

/* A payload's release of a parked CPU: ctx out to memory before the entry lets it go. */
static void test_release_slot(void **state)
{
	static struct hs_cpu_release slot[2] __attribute__((aligned(HS_CPU_RELEASE_STRIDE)));
	int ctx_clean = -1, entry_write_clean = -1;

	(void)state;
	memset(slot, 0, sizeof(slot));
	hs_cpu_release_write(&slot[1], 0x80000, 0x4567);
	assert_int_equal(slot[1].entry, 0x80000);
	assert_int_equal(slot[1].ctx, 0x4567);
	assert_int_equal(slot[0].entry, 0);
	assert_int_equal(slot[0].ctx, 0);
	for (unsigned i = 0; i < fake_cpu.nlog; i++) {
		if (fake_cpu.log[i].what != FE_DC_CVAC)
			continue;
		if (fake_cpu.log[i].val == (uint64_t)(uintptr_t)&slot[1].ctx && ctx_clean < 0)
			ctx_clean = (int)i;
		if (fake_cpu.log[i].val == (uint64_t)(uintptr_t)&slot[1].entry)
			entry_write_clean = (int)i;
	}
	assert_true(ctx_clean >= 0);
	assert_true(entry_write_clean > ctx_clean);
	/* A dsb between the ctx's clean and the entry's store (the entry's clean follows it). */
	assert_true(fake_log_find(FE_DSB, 0) > ctx_clean);
	assert_true(fake_log_find(FE_DSB, 0) < entry_write_clean);
	assert_released(&slot[1].entry, 0x80000);
	assert_fake_ok();
}

/* The driver: the loader's cpu-release-addr gets the entry; bad ones are refused untouched. */
static void test_driver(void **state)
{
	static uint64_t words[4] __attribute__((aligned(8)));
	struct hs_cpu_table t = {.ncpus = 3};
	struct hs_platform p;
	const struct hs_cpu_ops *ops = hs_cpu_ops_for(HS_CPU_METHOD_SPIN_TABLE);

	(void)state;
	assert_non_null(ops);
	assert_ptr_equal(hs_cpu_ops_for(HS_CPU_METHOD_PSCI), &hs_cpu_ops_psci);
	assert_null(hs_cpu_ops_for(HS_CPU_METHOD_OTHER));
	assert_null(hs_cpu_ops_for(HS_CPU_METHOD_NONE));
	memset(&p, 0, sizeof(p));
	memset(words, 0, sizeof(words));
	p.cpu_release_addr[1] = (uint64_t)(uintptr_t)&words[1];
	p.cpu_release_addr[2] = (uint64_t)(uintptr_t)&words[2] + 4; /* misaligned */
	/* The spin loop sets x0 itself: the spin entry, not the PSCI one. */
	assert_int_equal(ops->entry(0x1000, 0x1008), 0x1008);
	assert_null(ops->start(&t, 1, &p, 0x47e01008, 0));
	assert_int_equal(words[1], 0x47e01008);
	assert_released(&words[1], 0x47e01008);

	fake_cpu_reset();
	assert_non_null(ops->start(&t, 0, &p, 0x47e01008, 0)); /* no cpu-release-addr */
	assert_non_null(ops->start(&t, 2, &p, 0x47e01008, 0));
	assert_int_equal(words[0], 0);
	assert_int_equal(words[2], 0);
	assert_int_equal(words[3], 0);
	assert_int_equal(fake_cpu.nevents, 0);

	/* Stopped means waiting in hypstub's parking place. */
	t.cpu[1].state = HS_CPU_PARKED;
	assert_false(ops->stopped(&t, 1));
	t.cpu[1].state = HS_CPU_WAITING;
	assert_true(ops->stopped(&t, 1));
	assert_fake_ok();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_write, setup),
	    cmocka_unit_test_setup(test_release_slot, setup),
	    cmocka_unit_test_setup(test_driver, setup),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("spin_table", tests, NULL, NULL);
}
