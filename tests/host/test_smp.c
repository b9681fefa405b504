// SPDX-License-Identifier: MIT
/*
 * The CPU entry (cpu/cpu_entry.c) and the boot CPU's verdict on the
 * levels the CPUs entered at (boot/smp_levels.c), on the fake CPU. QEMU
 * starts every CPU at the same level, so a CPU that enters at the wrong
 * one can only be shown here.
 */
#include <hypstub/cpus.h>
#include <string.h>

#include "../../boot/smp.h"
#include "../../cpu/cpu.h"
#include "../../stub/stub.h"
#include "fake/fake_cpu.h"

struct hs_stub_config hs_stub_config;
char hs_stub_vectors[2048] __attribute__((aligned(2048)));

#define PA_LIMIT    (1ull << 48) /* above any host user address */
#define OLD_VECTORS 0x7ff00000ull
#define ENTRY	    0x40080000ul

/* The console, as the entry sees it: recorded. (PSCI CPU_OFF is
 * cpu_entry.S's, after hs_cpu_enter() returned 0.) */
static char console[512];

void hs_putc(char c)
{
	size_t n = strlen(console);

	if (n + 1 < sizeof(console)) {
		console[n] = c;
		console[n + 1] = 0;
	}
}

void hs_puts(const char *s)
{
	while (*s)
		hs_putc(*s++);
}

void hs_puthex(unsigned long v)
{
	for (int shift = 60; shift >= 0; shift -= 4)
		hs_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

unsigned long hs_this_cpu_id(void)
{
	return (unsigned long)(fake_cpu.reg[FR_mpidr_el1] & 0xff00fffffful);
}

static int setup(void **state)
{
	(void)state;
	fake_cpu_reset();
	memset(&hs_cpu_table, 0, sizeof(hs_cpu_table));
	memset(console, 0, sizeof(console));
	hs_stub_config.pa_limit = PA_LIMIT;
	fake_cpu.reg[FR_vbar_el2] = OLD_VECTORS;
	fake_cpu.reg[FR_mpidr_el1] = 0x80000001;
	hs_cpu_table.ncpus = 2;
	hs_cpu_table.ram_base = 0x1000; /* the host's static data is in "RAM" */
	hs_cpu_table.ram_end = PA_LIMIT;
	hs_cpu_table.cpu[0].mpidr = 0;
	hs_cpu_table.cpu[1].mpidr = 1;
	return 0;
}

/* hs_cpu_enter(); true when it told the CPU to power off instead of entering EL1. */
static bool enter(struct hs_cpu *me, uintptr_t ctx, unsigned long level, uintptr_t *entry)
{
	*entry = hs_cpu_enter(me, ctx, level, 0);
	return *entry == 0;
}

static void test_boot_bring_up_at_el2(void **state)
{
	struct hs_cpu *me = &hs_cpu_table.cpu[1];
	uintptr_t entry = 0;

	(void)state;
	assert_true(enter(me, (uintptr_t)&hs_cpu_bring_up, 2, &entry));
	assert_int_equal(me->state, HS_CPU_PARKED);
	assert_int_equal(me->level, 2);
	assert_int_equal(hs_cpu_has_hyp(&hs_cpu_table, 1), 1);
	assert_int_equal(me->entries, 1);
	/* A fresh stub, and EL2 set up (el2_setup wrote HCR_EL2 and SCTLR_EL1). */
	assert_int_equal(fake_cpu.reg[FR_vbar_el2], (uintptr_t)hs_stub_vectors);
	assert_true(fake_cpu.writes[FR_hcr_el2] > 0);
	assert_string_equal(console, "");
}

static void test_entered_at_el1_touches_no_el2_register(void **state)
{
	struct hs_cpu *me = &hs_cpu_table.cpu[1];
	uintptr_t entry = 0;

	(void)state;
	assert_true(enter(me, (uintptr_t)&hs_cpu_bring_up, 1, &entry));
	assert_int_equal(me->level, 1);
	assert_int_equal(hs_cpu_has_hyp(&hs_cpu_table, 1), 0);
	assert_int_equal(me->state, HS_CPU_PARKED);
	assert_int_equal(fake_cpu.reg[FR_vbar_el2], OLD_VECTORS);
	assert_int_equal(fake_cpu.writes[FR_hcr_el2], 0);
}

static void test_started_by_payload_enters_its_entry(void **state)
{
	static struct hs_cpu_start start = {.entry = ENTRY, .arg = 42};
	struct hs_cpu *me = &hs_cpu_table.cpu[1];
	uintptr_t entry = 0;

	(void)state;
	me->entries = 3;
	fake_cpu.reg[FR_vbar_el2] = 0x12345800; /* vectors a hypervisor left */
	assert_false(enter(me, (uintptr_t)&start, 2, &entry));
	assert_int_equal(entry, ENTRY);
	assert_int_equal(me->state, HS_CPU_RUNNING);
	assert_int_equal(me->entries, 4);
	assert_int_equal(fake_cpu.reg[FR_vbar_el2], (uintptr_t)hs_stub_vectors);
}

static void test_bad_start_records_are_refused(void **state)
{
	static struct hs_cpu_start misaligned_entry = {.entry = ENTRY + 2};
	static struct hs_cpu_start beyond = {.entry = PA_LIMIT};
	static struct hs_cpu_start good = {.entry = ENTRY};
	/* 0 too, even where RAM starts at 0: only the shim's own record parks. */
	const uintptr_t bad[] = {(uintptr_t)&misaligned_entry,
				 (uintptr_t)&beyond,
				 (uintptr_t)&good + 1,
				 (uintptr_t)PA_LIMIT - 8,
				 0x800,
				 0};

	(void)state;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct hs_cpu *me = &hs_cpu_table.cpu[1];
		uintptr_t entry = 0;

		console[0] = 0;
		/* PA_LIMIT - 8 and 0x800 (outside "RAM") are never read: the address check comes
		 * first. */
		assert_true(enter(me, bad[i], 2, &entry));
		assert_int_equal(me->state, HS_CPU_REFUSED);
		assert_non_null(strstr(console, "not a usable struct hs_cpu_start"));
	}
}

/* RAM at 0 (the Raspberry Pi): a null record is still a payload's mistake, not the shim's bring-up.
 */
static void test_null_start_record_is_refused_where_ram_starts_at_0(void **state)
{
	struct hs_cpu *me = &hs_cpu_table.cpu[1];
	uintptr_t entry = 0;

	(void)state;
	hs_cpu_table.ram_base = 0;
	console[0] = 0;
	assert_true(enter(me, 0, 2, &entry));
	assert_int_equal(me->state, HS_CPU_REFUSED);
	assert_non_null(strstr(console, "not a usable struct hs_cpu_start: 0000000000000000"));
}

static void test_unlisted_cpu_is_powered_off(void **state)
{
	uintptr_t entry = 0;

	(void)state;
	assert_true(enter(NULL, 0, 2, &entry));
	assert_non_null(strstr(console, "is not in the device tree"));
	assert_int_equal(fake_cpu.writes[FR_hcr_el2], 0);
}

static void test_hyp_disabled_stays_disabled(void **state)
{
	struct hs_cpu *me = &hs_cpu_table.cpu[1];
	uintptr_t entry = 0;

	(void)state;
	hs_cpu_table.hyp_disabled = 1;
	assert_true(enter(me, (uintptr_t)&hs_cpu_bring_up, 2, &entry));
	assert_int_equal(hs_cpu_has_hyp(&hs_cpu_table, 1), 0);
}

/* A table where the boot CPU entered at `boot` and the others at `levels`. */
static struct hs_cpu_table levels_table(unsigned boot, const unsigned *levels, unsigned n)
{
	struct hs_cpu_table t = {.ncpus = n, .boot_cpu = 0};

	t.cpu[0] = (struct hs_cpu){.level = (uint8_t)boot, .state = HS_CPU_RUNNING};
	for (unsigned i = 1; i < n; i++)
		t.cpu[i] = (struct hs_cpu){.level = (uint8_t)levels[i],
					   .state = levels[i] ? HS_CPU_PARKED : HS_CPU_NEVER_UP};
	return t;
}

static void test_levels_verdict(void **state)
{
	static const struct {
		unsigned boot, levels[4], n;
		int odd;
	} cases[] = {
	    {2, {0, 2, 2, 2}, 4, -1}, /* all at EL2 */
	    {1, {0, 1, 1, 0}, 4, -1}, /* all at EL1; one never came up: not a mismatch */
	    {2, {0, 2, 1, 2}, 4, 2},  /* one at EL1 among EL2s */
	    {1, {0, 2, 2, 2}, 4, 1},  /* the boot CPU is the odd one: still a mismatch */
	    {2, {0}, 1, -1},	      /* uniprocessor */
	};

	(void)state;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hs_cpu_table t = levels_table(cases[i].boot, cases[i].levels, cases[i].n);

		assert_int_equal(hs_smp_odd_cpu(&t), cases[i].odd);
	}
}

static void test_disable_hyp_clears_every_cpu(void **state)
{
	static const unsigned levels[] = {0, 2, 1, 2};
	struct hs_cpu_table t = levels_table(2, levels, 4);

	(void)state;
	hs_smp_disable_hyp(&t);
	assert_int_equal(t.hyp_disabled, 1);
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(hs_cpu_has_hyp(&t, i), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_boot_bring_up_at_el2, setup),
	    cmocka_unit_test_setup(test_entered_at_el1_touches_no_el2_register, setup),
	    cmocka_unit_test_setup(test_started_by_payload_enters_its_entry, setup),
	    cmocka_unit_test_setup(test_bad_start_records_are_refused, setup),
	    cmocka_unit_test_setup(test_null_start_record_is_refused_where_ram_starts_at_0, setup),
	    cmocka_unit_test_setup(test_unlisted_cpu_is_powered_off, setup),
	    cmocka_unit_test_setup(test_hyp_disabled_stays_disabled, setup),
	    cmocka_unit_test(test_levels_verdict),
	    cmocka_unit_test(test_disable_hyp_clears_every_cpu),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
