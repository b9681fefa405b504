// SPDX-License-Identifier: MIT
/*
 * hyp/pt.c, the sample hypervisor's page-table builder: blocks where a
 * range allows, splits only where needed, break-before-make, all or
 * nothing on bad input or a pool too small.
 */
#include <stdint.h>
#include <string.h>

#include "../../hyp/pt.h"
#include "hosttest.h"

#define POOL   16
#define RAM    0x40000000ull
#define RAM_SZ 0x20000000ull
#define HYPMEM 0x5fc00000ull
#define MB2    0x200000ull

static pt_entry pool[POOL][PT_ENTRIES] __attribute__((aligned(4096)));
static unsigned publishes, flushes;
/* An entry to watch: its value at each flush. */
static const pt_entry *watched;
static pt_entry seen_at_flush[8];
static unsigned nseen;

static void publish(void)
{
	publishes++;
}

static void flush(void)
{
	flushes++;
	if (watched && nseen < 8)
		seen_at_flush[nseen++] = *watched;
}

static struct pt_ctx ctx;
static pt_entry *root;

/* The stage 2 the hypervisor builds: everything Device, RAM Normal, its own 2 MiB absent. */
static int setup(void **state)
{
	(void)state;
	memset(pool, 0xa5, sizeof(pool));
	ctx = (struct pt_ctx){pool, POOL, 0, publish, flush};
	publishes = flushes = nseen = 0;
	watched = NULL;
	root = pt_alloc(&ctx);
	assert_int_equal(pt_map(&ctx, root, 0, 1ull << PT_ADDR_BITS, PT_S2_DEVICE), 0);
	assert_int_equal(pt_map(&ctx, root, RAM, RAM_SZ, PT_S2_NORMAL), 0);
	assert_int_equal(pt_map(&ctx, root, HYPMEM, MB2, PT_UNMAPPED), 0);
	return 0;
}

static void expect(uint64_t addr, pt_entry attrs, unsigned want_level)
{
	unsigned level = 0;
	pt_entry e = pt_lookup(root, addr, &level);

	assert_int_equal(level, want_level);
	if (attrs == PT_UNMAPPED) {
		assert_int_equal(e, 0);
		return;
	}
	/* Identity: the output address is the block's own. */
	assert_int_equal(e & 0x0000fffffffff000ull, addr & ~(pt_level_size(level) - 1));
	assert_int_equal(e & ~0x0000fffffffff003ull, attrs);
}

static void test_blocks_where_possible(void **state)
{
	(void)state;
	/* The root and one level 2 table for RAM's gigabyte: nothing else. */
	assert_int_equal(ctx.used, 2);
	expect(0, PT_S2_DEVICE, 1);
	expect(0x09000000, PT_S2_DEVICE, 1);
	expect((1ull << PT_ADDR_BITS) - 4096, PT_S2_DEVICE, 1);
	expect(RAM, PT_S2_NORMAL, 2);
	expect(RAM + RAM_SZ - 4096, PT_S2_NORMAL, 2);
	expect(RAM + RAM_SZ, PT_S2_DEVICE, 2);
	expect(HYPMEM, PT_UNMAPPED, 2);
	expect(HYPMEM + MB2 - 4, PT_UNMAPPED, 2);
	expect(HYPMEM - 4096, PT_S2_NORMAL, 2);
}

static void test_protect_splits_one_block_with_break_before_make(void **state)
{
	uint64_t page = RAM + 0x801000;
	unsigned level;

	(void)state;
	watched = &((pt_entry *)(uintptr_t)(root[1] & 0x0000fffffffff000ull))[4];
	assert_int_equal(pt_set_s2ap(&ctx, root, page, 4096, PT_S2AP_R), 0);
	assert_int_equal(ctx.used, 3);
	expect(page, (PT_S2_NORMAL & ~PT_S2AP_MASK) | PT_S2AP_R, 3);
	expect(page - 4096, PT_S2_NORMAL, 3);
	expect(page + 4096, PT_S2_NORMAL, 3);
	expect(RAM + 0xa00000, PT_S2_NORMAL, 2);
	/* The block was invalid when the TLBs were told, then became the table. */
	assert_true(nseen >= 1);
	assert_int_equal(seen_at_flush[0], 0);
	assert_int_equal(*watched & PT_TYPE_MASK, PT_TYPE_TABLE);
	/* Writable again: the same table, no new one, no merge. */
	assert_int_equal(pt_set_s2ap(&ctx, root, page, 4096, PT_S2AP_R | PT_S2AP_W), 0);
	assert_int_equal(ctx.used, 3);
	expect(page, PT_S2_NORMAL, 3);
	/* A whole 2 MiB block needs no split; an unmapped one stays unmapped. */
	assert_int_equal(pt_set_s2ap(&ctx, root, RAM + 0x1000000, MB2, PT_S2AP_R), 0);
	assert_int_equal(pt_set_s2ap(&ctx, root, HYPMEM, MB2, PT_S2AP_R), 0);
	assert_int_equal(ctx.used, 3);
	expect(RAM + 0x1000000, (PT_S2_NORMAL & ~PT_S2AP_MASK) | PT_S2AP_R, 2);
	assert_int_equal(pt_lookup(root, HYPMEM, &level), 0);
}

static void test_a_range_over_two_blocks_splits_both_ends(void **state)
{
	(void)state;
	/* From the last page of one 2 MiB block to the first of the next but one. */
	assert_int_equal(pt_set_s2ap(&ctx, root, RAM + MB2 - 4096, MB2 + 8192, PT_S2AP_R), 0);
	assert_int_equal(ctx.used, 4);
	expect(RAM + MB2 - 8192, PT_S2_NORMAL, 3);
	expect(RAM + MB2 - 4096, (PT_S2_NORMAL & ~PT_S2AP_MASK) | PT_S2AP_R, 3);
	expect(RAM + MB2, (PT_S2_NORMAL & ~PT_S2AP_MASK) | PT_S2AP_R, 2);
	expect(RAM + 2 * MB2, (PT_S2_NORMAL & ~PT_S2AP_MASK) | PT_S2AP_R, 3);
	expect(RAM + 2 * MB2 + 4096, PT_S2_NORMAL, 3);
}

static void test_bad_ranges_change_nothing(void **state)
{
	static pt_entry before[POOL][PT_ENTRIES];
	unsigned used = ctx.used, f = flushes, p = publishes;

	(void)state;
	memcpy(before, pool, sizeof(pool));
	assert_int_equal(pt_set_s2ap(&ctx, root, RAM + 1, 4096, PT_S2AP_R), -1);
	assert_int_equal(pt_set_s2ap(&ctx, root, RAM, 100, PT_S2AP_R), -1);
	assert_int_equal(pt_set_s2ap(&ctx, root, RAM, 0, PT_S2AP_R), -1);
	assert_int_equal(pt_map(&ctx, root, 1ull << PT_ADDR_BITS, 4096, PT_S2_NORMAL), -1);
	assert_int_equal(pt_map(&ctx, root, RAM, ~0xfffull, PT_S2_NORMAL), -1);
	assert_int_equal(memcmp(before, pool, sizeof(pool)), 0);
	assert_int_equal(ctx.used, used);
	assert_int_equal(flushes, f);
	assert_int_equal(publishes, p);
}

static void test_a_pool_too_small_changes_nothing(void **state)
{
	static pt_entry before[POOL][PT_ENTRIES];

	(void)state;
	/* One page left; this range needs two splits. */
	ctx.npages = ctx.used + 1;
	memcpy(before, pool, sizeof(pool));
	assert_int_equal(pt_set_s2ap(&ctx, root, RAM + 0x3ff000, MB2 + 8192, PT_S2AP_R), -1);
	assert_int_equal(memcmp(before, pool, sizeof(pool)), 0);
	/* One split fits. */
	assert_int_equal(pt_set_s2ap(&ctx, root, RAM + 0x401000, 4096, PT_S2AP_R), 0);
	assert_int_equal(pt_alloc(&ctx), NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_blocks_where_possible, setup),
	    cmocka_unit_test_setup(test_protect_splits_one_block_with_break_before_make, setup),
	    cmocka_unit_test_setup(test_a_range_over_two_blocks_splits_both_ends, setup),
	    cmocka_unit_test_setup(test_bad_ranges_change_nothing, setup),
	    cmocka_unit_test_setup(test_a_pool_too_small_changes_nothing, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
