// SPDX-License-Identifier: MIT
/* arch/arm64/cpu.c: what the ID registers say about the machine. */
#include <arch/cpu.h>

#include "fake/fake_cpu.h"

static int setup(void **state)
{
	(void)state;
	fake_cpu_reset();
	return 0;
}

/* ID_AA64MMFR0_EL1.PARange (bits 3:0), Arm ARM D19.2: 32..52 bits. */
static void test_pa_limit(void **state)
{
	static const unsigned bits[] = {32, 36, 40, 42, 44, 48, 52};

	(void)state;
	for (unsigned range = 0; range < 7; range++) {
		/* The other MMFR0 fields must not leak into the result. */
		fake_cpu.reg[FR_id_aa64mmfr0_el1] = 0x1002112222ff0f10ull | range;
		assert_int_equal(arch_pa_limit(), 1ull << bits[range]);
		fake_cpu.reg[FR_id_aa64mmfr0_el1] = range;
		assert_int_equal(arch_pa_limit(), 1ull << bits[range]);
	}
	assert_int_equal(fake_cpu.nwrites, 0);
	assert_fake_ok();
}

/* Values the code does not know (7 = 56 bits, FEAT_D128; 8..15 reserved) clamp to 52. */
static void test_pa_limit_clamps(void **state)
{
	(void)state;
	for (unsigned range = 7; range < 16; range++) {
		fake_cpu.reg[FR_id_aa64mmfr0_el1] = 0xfffffffffffffff0ull | range;
		assert_int_equal(arch_pa_limit(), 1ull << 52);
	}
	assert_fake_ok();
}

/* MPIDR_EL1 without U (bit 30), MT (bit 24), RES1 (bit 31), RES0 (63:40). */
static void test_cpu_affinity(void **state)
{
	(void)state;
	fake_cpu.reg[FR_mpidr_el1] = 0x80000000;
	assert_int_equal(arch_cpu_affinity(), 0);
	fake_cpu.reg[FR_mpidr_el1] = 0x81000203;
	assert_int_equal(arch_cpu_affinity(), 0x203);
	fake_cpu.reg[FR_mpidr_el1] = 0xc0010203;
	assert_int_equal(arch_cpu_affinity(), 0x10203);
	fake_cpu.reg[FR_mpidr_el1] = 0x000000ab80fedcbaull; /* Aff3 = 0xab */
	assert_int_equal(arch_cpu_affinity(), 0xab00fedcbaull);
	assert_fake_ok();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_pa_limit, setup),
	    cmocka_unit_test_setup(test_pa_limit_clamps, setup),
	    cmocka_unit_test_setup(test_cpu_affinity, setup),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("cpu", tests, NULL, NULL);
}
