// SPDX-License-Identifier: MIT
/*
 * The stub's dispatcher (stub/dispatch.c) against the fake CPU: every
 * call of the hyp-abi, every way to get it wrong, and a randomized check
 * that nothing but the documented registers ever changes.
 */
#include <hypstub/abi.h>
#include <string.h>

#include "../../stub/stub.h"
#include "fake/fake_cpu.h"

/* What stub/console.c defines in the real image (not linked here). */
struct hs_stub_config hs_stub_config;
/* The stub's own vector table: what RESET_VECTORS must restore. */
char hs_stub_vectors[2048] __attribute__((aligned(2048)));

#define PA_LIMIT       (1ull << 40)
#define ESR_IL	       (1ul << 25)
#define ESR(ec, iss)   (((unsigned long)(ec) << 26) | ESR_IL | (iss))
#define ESR_HVC64(imm) ESR(0x16, (imm))
/* SCTLR_EL2 as firmware leaves it with the MMU and both caches on. */
#define SCTLR_EL2_ON  0x30c5183dull
#define SCTLR_M	      (1ull << 0)
#define SCTLR_C	      (1ull << 2)
#define SCTLR_I	      (1ull << 12)
#define VALID_VECTORS 0x40001800ull
#define VALID_ENTRY   0x40080000ull
/* How many x registers the frame holds (x0..x4 at least: SOFT_RESTART reads x4). */
#define NX (sizeof(((struct hs_frame *)0)->x) / sizeof(uint64_t))
_Static_assert(NX >= 5, "struct hs_frame must hold x0..x4");

static uint64_t regs_before[FAKE_NSLOTS];

static int setup(void **state)
{
	(void)state;
	fake_cpu_reset();
	hs_stub_config.uart.type = HS_UART_NONE;
	hs_stub_config.pa_limit = PA_LIMIT;
	fake_cpu.reg[FR_vbar_el2] = 0x7ff00000; /* some earlier vectors */
	fake_cpu.reg[FR_sctlr_el2] = SCTLR_EL2_ON & ~SCTLR_M;
	fake_cpu.reg[FR_elr_el2] = 0xffff000012345678;
	fake_cpu.reg[FR_spsr_el2] = 0x3c5;
	return 0;
}

/* A frame where every register holds a distinct, recognisable value. */
static struct hs_frame frame(unsigned long x0, unsigned long x1)
{
	struct hs_frame f;

	for (unsigned i = 0; i < NX; i++)
		f.x[i] = 0xa5a5000000000000ull | (i * 0x1111ull);
	f.x30 = 0xa5a5303030303030ull;
	f.x[0] = x0;
	f.x[1] = x1;
	return f;
}

/* Take the trap with syndrome `esr`; the log then holds only the call. */
static long trap(struct hs_frame *f, uint64_t esr)
{
	fake_cpu.reg[FR_esr_el2] = esr;
	fake_cpu_clear_log();
	memcpy(regs_before, fake_cpu.reg, sizeof(regs_before));
	return hs_stub_sync(f);
}

static void assert_nothing_written(void)
{
	if (fake_cpu.nwrites != 0) {
		fake_log_dump();
		fail_msg("%u system register write(s), expected none", fake_cpu.nwrites);
	}
	assert_memory_equal(regs_before, fake_cpu.reg, sizeof(regs_before));
	assert_fake_ok();
}

/* Every register of `f` but those in `changed` (bit n: x[n]) equals `g`'s. */
static void assert_frame_same_except(const struct hs_frame *f, const struct hs_frame *g,
				     unsigned changed)
{
	for (unsigned i = 0; i < NX; i++)
		if (!(changed & (1u << i)) && f->x[i] != g->x[i])
			fail_msg("x%u changed: 0x%llx -> 0x%llx", i, (unsigned long long)g->x[i],
				 (unsigned long long)f->x[i]);
	assert_int_equal(f->x30, g->x30);
}

/* An error return: x0 = HVC_STUB_ERR, nothing else changed anywhere. */
static void assert_refused(long ret, const struct hs_frame *f, const struct hs_frame *before)
{
	assert_int_equal(ret, 0);
	assert_int_equal(f->x[0], HVC_STUB_ERR);
	assert_frame_same_except(f, before, 1u << 0);
	assert_nothing_written();
}

static void check_set_vectors_ok(uint64_t target)
{
	struct hs_frame f = frame(HVC_SET_VECTORS, target), before = f;

	assert_int_equal(trap(&f, ESR_HVC64(0)), 0);
	assert_int_equal(f.x[0], 0);
	assert_frame_same_except(&f, &before, 1u << 0);
	assert_wrote_once(vbar_el2, target);
	assert_int_equal(fake_cpu.nwrites, 1);
	fake_cpu.reg[FR_vbar_el2] = regs_before[FR_vbar_el2];
	assert_memory_equal(regs_before, fake_cpu.reg, sizeof(regs_before));
	assert_fake_ok();
}

static void test_set_vectors_valid(void **state)
{
	(void)state;
	check_set_vectors_ok(VALID_VECTORS);
	check_set_vectors_ok(0);
	check_set_vectors_ok(PA_LIMIT - ARCH_VECTORS_ALIGN); /* the last one allowed */
	check_set_vectors_ok(0x800);
}

static void test_set_vectors_misaligned(void **state)
{
	static const uint64_t offsets[] = {1, 2, 4, 8, 0x80, 0x400, 0x7fc, 0x7ff};

	(void)state;
	for (unsigned i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
		struct hs_frame f = frame(HVC_SET_VECTORS, VALID_VECTORS + offsets[i]);
		struct hs_frame before = f;

		assert_refused(trap(&f, ESR_HVC64(0)), &f, &before);
	}
}

static void test_set_vectors_beyond_pa_limit(void **state)
{
	static const uint64_t targets[] = {PA_LIMIT, PA_LIMIT + 0x800, PA_LIMIT << 1, 1ull << 63,
					   ~0x7ffull};

	(void)state;
	for (unsigned i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		struct hs_frame f = frame(HVC_SET_VECTORS, targets[i]), before = f;

		assert_refused(trap(&f, ESR_HVC64(0)), &f, &before);
	}
	/* The limit is hs_stub_config's, not a constant. */
	hs_stub_config.pa_limit = 1ull << 32;
	{
		struct hs_frame f = frame(HVC_SET_VECTORS, 1ull << 32), before = f;

		assert_refused(trap(&f, ESR_HVC64(0)), &f, &before);
	}
}

static void test_reset_vectors_mmu_on(void **state)
{
	struct hs_frame f = frame(HVC_RESET_VECTORS, 0x1234), before = f;
	int sctlr_at, isb_at;

	(void)state;
	fake_cpu.reg[FR_sctlr_el2] = SCTLR_EL2_ON;
	fake_cpu.reg[FR_vbar_el2] = VALID_VECTORS; /* a hypervisor's */
	assert_int_equal(trap(&f, ESR_HVC64(0)), 0);
	assert_int_equal(f.x[0], 0);
	assert_frame_same_except(&f, &before, 1u << 0);
	assert_wrote_once(vbar_el2, (uintptr_t)hs_stub_vectors);
	/* M cleared, nothing else: the caches are the hypervisor's business. */
	assert_wrote_once(sctlr_el2, SCTLR_EL2_ON & ~SCTLR_M);
	assert_int_equal(fake_cpu.nwrites, 2);
	sctlr_at = fake_log_find(FR_sctlr_el2, 0);
	isb_at = fake_log_find(FE_ISB, 0);
	assert_true(isb_at > sctlr_at);
	assert_fake_ok();
}

static void test_reset_vectors_mmu_off(void **state)
{
	struct hs_frame f = frame(HVC_RESET_VECTORS, 0), before = f;

	(void)state;
	fake_cpu.reg[FR_sctlr_el2] = SCTLR_EL2_ON & ~SCTLR_M;
	assert_int_equal(trap(&f, ESR_HVC64(0)), 0);
	assert_int_equal(f.x[0], 0);
	assert_frame_same_except(&f, &before, 1u << 0);
	assert_wrote_once(vbar_el2, (uintptr_t)hs_stub_vectors);
	assert_not_written(sctlr_el2);
	assert_int_equal(fake_cpu.reg[FR_sctlr_el2], SCTLR_EL2_ON & ~SCTLR_M);
	assert_fake_ok();
}

static void check_soft_restart_ok(uint64_t entry, uint64_t sctlr)
{
	struct hs_frame f = frame(HVC_SOFT_RESTART, entry), before;
	int last_write = -1, isb_at;

	f.x[2] = 0x48000000; /* the next payload's x0: its device tree */
	f.x[3] = 0x1111222233334444;
	f.x[4] = 0x5555666677778888;
	before = f;
	fake_cpu.reg[FR_sctlr_el2] = sctlr;
	assert_int_equal(trap(&f, ESR_HVC64(0)), 0);
	/* x2..x4 become x0..x2; everything else as it was. */
	assert_int_equal(f.x[0], before.x[2]);
	assert_int_equal(f.x[1], before.x[3]);
	assert_int_equal(f.x[2], before.x[4]);
	assert_frame_same_except(&f, &before, 0x7);
	/* EL2h, DAIF masked, MMU and caches off, at `entry`. */
	assert_wrote_once(elr_el2, entry);
	assert_wrote_once(spsr_el2, 0x3c9);
	assert_wrote_once(sctlr_el2, sctlr & ~(SCTLR_M | SCTLR_C | SCTLR_I));
	assert_int_equal(fake_cpu.nwrites, 3);
	for (unsigned i = 0; i < fake_cpu.nlog; i++)
		if (fake_cpu.log[i].what != FE_ISB && fake_cpu.log[i].what != FE_DSB)
			last_write = (int)i;
	isb_at = fake_log_find(FE_ISB, 0);
	assert_true(isb_at > last_write);
	assert_fake_ok();
}

static void test_soft_restart_valid(void **state)
{
	(void)state;
	check_soft_restart_ok(VALID_ENTRY, SCTLR_EL2_ON);
	check_soft_restart_ok(VALID_ENTRY + 4, SCTLR_EL2_ON & ~SCTLR_M);
	check_soft_restart_ok(PA_LIMIT - 4, 0x30c50830);
	check_soft_restart_ok(0, ~0ull);
}

static void test_soft_restart_invalid(void **state)
{
	static const uint64_t entries[] = {
	    VALID_ENTRY + 1, VALID_ENTRY + 2, VALID_ENTRY + 3, PA_LIMIT,
	    PA_LIMIT + 4,    1ull << 63,      ~3ull,	       ~0ull};

	(void)state;
	fake_cpu.reg[FR_sctlr_el2] = SCTLR_EL2_ON;
	for (unsigned i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		struct hs_frame f = frame(HVC_SOFT_RESTART, entries[i]), before = f;

		assert_refused(trap(&f, ESR_HVC64(0)), &f, &before);
	}
}

static void test_unknown_calls(void **state)
{
	static const unsigned long calls[] = {
	    3,	 4, 5, 6, 0xffff, 0x48530000, 0x48530001, 0x80000000, 1ul << 32, (1ul << 32) | 1,
	    ~0ul};

	(void)state;
	fake_cpu.reg[FR_sctlr_el2] = SCTLR_EL2_ON;
	for (unsigned i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		/* x1 valid for every known call, so only x0 can be the reason. */
		struct hs_frame f = frame(calls[i], VALID_VECTORS), before = f;

		assert_refused(trap(&f, ESR_HVC64(0)), &f, &before);
	}
}

static void test_nonzero_immediate(void **state)
{
	static const unsigned imms[] = {1, 2, 0x10, 0x8000, 0xffff};
	static const unsigned long calls[] = {HVC_SET_VECTORS, HVC_SOFT_RESTART, HVC_RESET_VECTORS};

	(void)state;
	fake_cpu.reg[FR_sctlr_el2] = SCTLR_EL2_ON;
	for (unsigned i = 0; i < sizeof(imms) / sizeof(imms[0]); i++)
		for (unsigned c = 0; c < 3; c++) {
			struct hs_frame f = frame(calls[c], VALID_VECTORS), before = f;

			assert_refused(trap(&f, ESR_HVC64(imms[i])), &f, &before);
		}
}

static void test_not_hvc64(void **state)
{
	static const unsigned ecs[] = {
	    0x00, /* unknown reason */
	    0x01, /* WFI/WFE */
	    0x07, /* FP/SIMD access */
	    0x12, /* HVC from AArch32 */
	    0x15, /* SVC from AArch64 */
	    0x17, /* SMC from AArch64 */
	    0x18, /* MSR/MRS trap */
	    0x20, /* instruction abort, lower EL */
	    0x24, /* data abort, lower EL */
	    0x3c, /* BRK */
	    0x3f,
	};

	(void)state;
	for (unsigned i = 0; i < sizeof(ecs) / sizeof(ecs[0]); i++) {
		struct hs_frame f = frame(HVC_SET_VECTORS, VALID_VECTORS), before = f;

		assert_int_not_equal(trap(&f, ESR(ecs[i], 0)), 0);
		assert_memory_equal(&f, &before, sizeof(f));
		assert_nothing_written();
	}
}

/*
 * Random frames and syndromes against a model written from the spec:
 * only x0 ever changes, except x0..x2 for a valid SOFT_RESTART; the only
 * registers written are the ones the call documents.
 */
static void test_random_property(void **state)
{
	uint64_t seed = 0x9e3779b97f4a7c15ull, rng = seed;
	unsigned counts[4] = {0};

	(void)state;
	for (unsigned iter = 0; iter < 100000; iter++) {
		struct hs_frame f, before;
		uint64_t expect[FAKE_NSLOTS];
		uint64_t r = host_rand(&rng), esr, x1;
		unsigned pick = (unsigned)(r % 100);
		unsigned long x0;
		long ret;
		bool hvc, ok;
		unsigned changed = 1u << 0;

		x0 = pick < 30	 ? 0
		     : pick < 50 ? 1
		     : pick < 65 ? 2
		     : pick < 80 ? host_rand(&rng) & 7
				 : host_rand(&rng);
		pick = (unsigned)(host_rand(&rng) % 100);
		x1 = host_rand(&rng) & (2 * PA_LIMIT - 1);
		if (pick < 40)
			x1 &= ~0x7ffull;
		else if (pick < 70)
			x1 &= ~3ull;
		else if (pick < 75)
			x1 = host_rand(&rng);
		pick = (unsigned)(host_rand(&rng) % 100);
		if (pick < 60)
			esr = ESR_HVC64(0);
		else if (pick < 75)
			esr = ESR_HVC64(host_rand(&rng) & 0xffff);
		else
			esr = host_rand(&rng) & 0xffffffffull;
		for (unsigned i = 0; i < NX; i++)
			f.x[i] = host_rand(&rng);
		f.x30 = host_rand(&rng);
		f.x[0] = x0;
		f.x[1] = x1;
		before = f;
		fake_cpu.reg[FR_sctlr_el2] = host_rand(&rng);
		fake_cpu.reg[FR_vbar_el2] = host_rand(&rng) & ~0x7ffull;

		/* The model. */
		memcpy(expect, fake_cpu.reg, sizeof(expect));
		expect[FR_esr_el2] = esr;
		hvc = ((esr >> 26) & 0x3f) == 0x16;
		ok = false;
		if (hvc && (esr & 0xffff) == 0) {
			switch (x0) {
			case HVC_SET_VECTORS:
				ok = (x1 & 0x7ff) == 0 && x1 < PA_LIMIT;
				if (ok)
					expect[FR_vbar_el2] = x1;
				break;
			case HVC_SOFT_RESTART:
				ok = (x1 & 3) == 0 && x1 < PA_LIMIT;
				if (ok) {
					expect[FR_elr_el2] = x1;
					expect[FR_spsr_el2] = 0x3c9;
					expect[FR_sctlr_el2] &= ~(SCTLR_M | SCTLR_C | SCTLR_I);
					changed = 0x7;
				}
				break;
			case HVC_RESET_VECTORS:
				ok = true;
				expect[FR_vbar_el2] = (uintptr_t)hs_stub_vectors;
				expect[FR_sctlr_el2] &= ~SCTLR_M;
				break;
			}
		}

		ret = trap(&f, esr);
		if (!hvc) {
			counts[0]++;
			assert_int_not_equal(ret, 0);
			assert_memory_equal(&f, &before, sizeof(f));
			assert_nothing_written();
			continue;
		}
		assert_int_equal(ret, 0);
		if (!ok) {
			counts[1]++;
			assert_refused(ret, &f, &before);
			continue;
		}
		counts[2 + (x0 == HVC_SOFT_RESTART)]++;
		if (x0 == HVC_SOFT_RESTART) {
			assert_int_equal(f.x[0], before.x[2]);
			assert_int_equal(f.x[1], before.x[3]);
			assert_int_equal(f.x[2], before.x[4]);
		} else {
			assert_int_equal(f.x[0], 0);
		}
		assert_frame_same_except(&f, &before, changed);
		if (memcmp(expect, fake_cpu.reg, sizeof(expect)) != 0) {
			fake_log_dump();
			fail_msg("iteration %u (seed 0x%llx): registers differ from the model",
				 iter, (unsigned long long)seed);
		}
		assert_fake_ok();
	}
	/* The generator must reach every outcome, or the property says little. */
	for (unsigned i = 0; i < 4; i++)
		assert_true(counts[i] > 1000);
	print_message("random: %u not hvc, %u refused, %u accepted, %u soft restarts\n", counts[0],
		      counts[1], counts[2], counts[3]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_set_vectors_valid, setup),
	    cmocka_unit_test_setup(test_set_vectors_misaligned, setup),
	    cmocka_unit_test_setup(test_set_vectors_beyond_pa_limit, setup),
	    cmocka_unit_test_setup(test_reset_vectors_mmu_on, setup),
	    cmocka_unit_test_setup(test_reset_vectors_mmu_off, setup),
	    cmocka_unit_test_setup(test_soft_restart_valid, setup),
	    cmocka_unit_test_setup(test_soft_restart_invalid, setup),
	    cmocka_unit_test_setup(test_unknown_calls, setup),
	    cmocka_unit_test_setup(test_nonzero_immediate, setup),
	    cmocka_unit_test_setup(test_not_hvc64, setup),
	    cmocka_unit_test_setup(test_random_property, setup),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("dispatch", tests, NULL, NULL);
}
