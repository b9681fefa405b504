// SPDX-License-Identifier: MIT
/* boot/handoff.c: the device tree the payload receives. */
#include <hypstub/bootinfo.h>
#include <hypstub/cpus.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../boot/handoff.h"
#include "hosttest.h"

#define RESIDENT_BASE 0x47e00000ull
#define VECTORS	      (RESIDENT_BASE + 0x800)
#define ROOM	      0x10000

static const struct hs_handoff installed = {
    .boot_el = 2,
    .stub_installed = 1,
    .stub_vectors = VECTORS,
    .resident_base = RESIDENT_BASE,
    .resident_size = HS_RESIDENT_SIZE,
};

/* Run the hand-off into a buffer of exactly `room` bytes (ASan sees overruns). */
static void *handoff(const void *src, size_t room, const struct hs_handoff *h, int *err)
{
	void *dst = malloc(room ? room : 1);

	assert_non_null(dst);
	memset(dst, 0xcc, room);
	*err = hs_handoff_dtb(src, dst, room, h);
	return dst;
}

static uint64_t be_cells(const fdt32_t *c, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(c[i]);
	return v;
}

static bool has_memreserve(const void *fdt, uint64_t base, uint64_t size)
{
	for (int i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		uint64_t a, s;

		assert_int_equal(fdt_get_mem_rsv(fdt, i, &a, &s), 0);
		if (a == base && s == size)
			return true;
	}
	return false;
}

/* The /hypstub node as bootinfo.h documents it, reg in `cells` cells each. */
static void check_hypstub(const void *fdt, const struct hs_handoff *h, int cells)
{
	int node = fdt_path_offset(fdt, HS_DT_NODE), len;
	const fdt32_t *v;
	const char *s;

	assert_true(node >= 0);
	assert_int_equal(fdt_node_check_compatible(fdt, node, HS_DT_COMPATIBLE), 0);
	s = fdt_getprop(fdt, node, "compatible", &len);
	assert_non_null(s);
	assert_string_equal(s, "hypstub,stub-v1");
	s = fdt_getprop(fdt, node, "status", &len);
	assert_non_null(s);
	assert_string_equal(s, h->stub_installed ? "okay" : "disabled");
	v = fdt_getprop(fdt, node, "hypstub,boot-el", &len);
	assert_non_null(v);
	assert_int_equal(len, 4);
	assert_int_equal(fdt32_to_cpu(v[0]), h->boot_el);
	v = fdt_getprop(fdt, node, "hypstub,vectors", &len);
	assert_non_null(v);
	assert_int_equal(len, 8);
	assert_int_equal(be_cells(v, 2), h->stub_vectors);
	v = fdt_getprop(fdt, node, "reg", &len);
	assert_non_null(v);
	assert_int_equal(len, 2 * cells * 4);
	assert_int_equal(be_cells(v, cells), h->resident_base);
	assert_int_equal(be_cells(v + cells, cells), h->resident_size);
	/* ... and the region is reserved. */
	assert_true(has_memreserve(fdt, h->resident_base, h->resident_size));
}

static void test_virt(void **state)
{
	void *src = load_dtb("virt-gicv3"), *dst;
	int err, chosen, len;
	const char *s;
	const fdt32_t *reg;

	(void)state;
	dst = handoff(src, ROOM, &installed, &err);
	assert_int_equal(err, 0);
	assert_int_equal(fdt_check_header(dst), 0);
	assert_true(fdt_totalsize(dst) <= ROOM);
	check_hypstub(dst, &installed, 2);
	assert_int_equal(fdt_num_mem_rsv(dst), fdt_num_mem_rsv(src) + 1);
	/* The initrd was the payload: gone. The rest of /chosen stays. */
	chosen = fdt_path_offset(dst, "/chosen");
	assert_true(chosen >= 0);
	assert_null(fdt_getprop(dst, chosen, "linux,initrd-start", NULL));
	assert_null(fdt_getprop(dst, chosen, "linux,initrd-end", NULL));
	s = fdt_getprop(dst, chosen, "stdout-path", NULL);
	assert_non_null(s);
	assert_string_equal(s, "/pl011@9000000");
	s = fdt_getprop(dst, chosen, "bootargs", NULL);
	assert_non_null(s);
	assert_string_equal(s, "console=ttyAMA0");
	/* The machine is still described. */
	reg = fdt_getprop(dst, fdt_path_offset(dst, "/memory@40000000"), "reg", &len);
	assert_non_null(reg);
	assert_int_equal(len, 16);
	assert_int_equal(be_cells(reg + 2, 2), 0x8000000);
	assert_true(fdt_node_offset_by_compatible(dst, -1, "arm,gic-v3") >= 0);
	assert_true(fdt_path_offset(dst, "/cpus/cpu@101") >= 0);
	/* The source is left alone. */
	assert_int_equal(fdt_path_offset(src, HS_DT_NODE), -FDT_ERR_NOTFOUND);
	assert_non_null(
	    fdt_getprop(src, fdt_path_offset(src, "/chosen"), "linux,initrd-start", NULL));
	free(dst);
	free(src);
}

static void test_not_installed(void **state)
{
	const struct hs_handoff h = {
	    .boot_el = 1,
	    .stub_installed = 0,
	    .stub_vectors = 0,
	    .resident_base = 0x87e00000,
	    .resident_size = HS_RESIDENT_SIZE,
	};
	void *src = load_dtb("gicv2-options"), *dst;
	int err, chosen;

	(void)state;
	dst = handoff(src, ROOM, &h, &err);
	assert_int_equal(err, 0);
	check_hypstub(dst, &h, 2);
	/* 64-bit initrd cells are removed too. */
	chosen = fdt_path_offset(dst, "/chosen");
	assert_null(fdt_getprop(dst, chosen, "linux,initrd-start", NULL));
	assert_null(fdt_getprop(dst, chosen, "linux,initrd-end", NULL));
	free(dst);
	free(src);
}

/* One address and one size cell at the root: reg in single cells. */
static void test_single_cells(void **state)
{
	const struct hs_handoff h = {.boot_el = 2,
				     .stub_installed = 1,
				     .stub_vectors = 0x4fe00800,
				     .resident_base = 0x4fe00000,
				     .resident_size = HS_RESIDENT_SIZE};
	void *src = load_dtb("fallback"), *dst;
	int err;

	(void)state;
	dst = handoff(src, ROOM, &h, &err);
	assert_int_equal(err, 0);
	check_hypstub(dst, &h, 1);
	free(dst);
	free(src);
}

/* Existing reservations are kept; a tree without /chosen is fine. */
static void test_keeps_memreserve(void **state)
{
	char src[1024];
	void *dst;
	int err;

	(void)state;
	assert_int_equal(fdt_create(src, sizeof(src)), 0);
	assert_int_equal(fdt_add_reservemap_entry(src, 0x40000000, 0x1000), 0);
	assert_int_equal(fdt_finish_reservemap(src), 0);
	assert_int_equal(fdt_begin_node(src, ""), 0);
	assert_int_equal(fdt_property_u32(src, "#address-cells", 2), 0);
	assert_int_equal(fdt_property_u32(src, "#size-cells", 2), 0);
	assert_int_equal(fdt_end_node(src), 0);
	assert_int_equal(fdt_finish(src), 0);
	dst = handoff(src, ROOM, &installed, &err);
	assert_int_equal(err, 0);
	assert_int_equal(fdt_num_mem_rsv(dst), 2);
	assert_true(has_memreserve(dst, 0x40000000, 0x1000));
	check_hypstub(dst, &installed, 2);
	free(dst);
}

/* hypstub restarted into hypstub: the second hand-off reserves the region once, not twice. */
static void test_restart_reserves_once(void **state)
{
	void *src = load_dtb("virt-gicv3"), *first, *second;
	int err;

	(void)state;
	first = handoff(src, ROOM, &installed, &err);
	assert_int_equal(err, 0);
	second = handoff(first, ROOM, &installed, &err);
	assert_int_equal(err, 0);
	assert_int_equal(fdt_num_mem_rsv(second), fdt_num_mem_rsv(src) + 1);
	assert_true(has_memreserve(second, installed.resident_base, installed.resident_size));
	free(second);
	free(first);
	free(src);
}

static void test_too_small(void **state)
{
	void *src = load_dtb("virt-gicv3");
	size_t exact = fdt_totalsize(src);
	/* Less than the source itself, the source exactly, a few bytes more. */
	const size_t rooms[] = {0, 40, 100, exact - 1, exact, exact + 16, exact + 64};

	(void)state;
	for (unsigned i = 0; i < sizeof(rooms) / sizeof(rooms[0]); i++) {
		int err;
		void *dst = handoff(src, rooms[i], &installed, &err);
		if (err >= 0)
			fail_msg("room %zu (tree %zu): returned %d", rooms[i], exact, err);
		free(dst);
	}
	free(src);
}

/*
 * A loader's tree with much free space (QEMU's: 1 MiB for 8 KiB of
 * content): the hand-off copies the content, and never reads the free
 * space (it is made unreadable here), even into a room that could take
 * the whole tree.
 */
static void test_source_free_space_not_copied(void **state)
{
	void *tight = load_dtb("virt-gicv3"), *dst;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), big = 256 * page, used;
	char *src;
	int err;

	(void)state;
	src = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(src != MAP_FAILED);
	assert_int_equal(fdt_open_into(tight, src, (int)big), 0);
	assert_int_equal(fdt_totalsize(src), big);
	used = fdt_off_dt_strings(src) + fdt_size_dt_strings(src);
	used = (used + page - 1) / page * page;
	assert_int_equal(mprotect(src + used, big - used, PROT_NONE), 0);
	dst = handoff(src, 2 * big, &installed, &err);
	assert_int_equal(err, 0);
	check_hypstub(dst, &installed, 2);
	assert_true(fdt_node_offset_by_compatible(dst, -1, "arm,gic-v3") >= 0);
	assert_true(fdt_path_offset(dst, "/cpus/cpu@101") >= 0);
	free(dst);
	munmap(src, big);
	free(tight);
}

/* Blocks out of the usual order (strings before the structure): still handed off. */
static void test_source_blocks_reordered(void **state)
{
	void *tight = load_dtb("virt-gicv3"), *src, *dst;
	size_t size = fdt_totalsize(tight), strct, strings;
	int err;

	(void)state;
	strct = fdt_size_dt_struct(tight);
	strings = fdt_size_dt_strings(tight);
	src = calloc(1, size + 64);
	assert_non_null(src);
	/* header + reserve map as they were, then strings, then structure */
	memcpy(src, tight, fdt_off_dt_struct(tight));
	memcpy((char *)src + fdt_off_dt_struct(tight), (char *)tight + fdt_off_dt_strings(tight),
	       strings);
	memcpy((char *)src + fdt_off_dt_struct(tight) + strings,
	       (char *)tight + fdt_off_dt_struct(tight), strct);
	fdt_set_off_dt_strings(src, fdt_off_dt_struct(tight));
	fdt_set_off_dt_struct(src, fdt_off_dt_struct(tight) + (uint32_t)strings);
	fdt_set_totalsize(src, (uint32_t)(size + 64));
	assert_int_equal(fdt_check_header(src), 0);
	assert_true(fdt_path_offset(src, "/chosen") >= 0);
	dst = handoff(src, ROOM, &installed, &err);
	assert_int_equal(err, 0);
	check_hypstub(dst, &installed, 2);
	assert_true(fdt_path_offset(dst, "/cpus/cpu@101") >= 0);
	free(dst);
	free(src);
	free(tight);
}

static void test_bad_source(void **state)
{
	void *src = load_dtb("virt-gicv3"), *dst;
	int err;

	(void)state;
	memset(src, 0, 4); /* no magic */
	dst = handoff(src, ROOM, &installed, &err);
	assert_true(err < 0);
	free(dst);
	free(src);
}

/* #address-cells 2, #size-cells 1 (common on 64-bit SoCs): reg must still be there. */
static void test_mixed_cells_reg(void **state)
{
	char src[1024];
	void *dst;
	int err, len;
	const fdt32_t *reg;

	(void)state;

	assert_int_equal(fdt_create(src, sizeof(src)), 0);
	assert_int_equal(fdt_finish_reservemap(src), 0);
	assert_int_equal(fdt_begin_node(src, ""), 0);
	assert_int_equal(fdt_property_u32(src, "#address-cells", 2), 0);
	assert_int_equal(fdt_property_u32(src, "#size-cells", 1), 0);
	assert_int_equal(fdt_end_node(src), 0);
	assert_int_equal(fdt_finish(src), 0);
	dst = handoff(src, ROOM, &installed, &err);
	assert_int_equal(err, 0);
	reg = fdt_getprop(dst, fdt_path_offset(dst, HS_DT_NODE), "reg", &len);
	assert_non_null(reg);
	assert_int_equal(len, 12);
	assert_int_equal(be_cells(reg, 2), RESIDENT_BASE);
	assert_int_equal(be_cells(reg + 2, 1), HS_RESIDENT_SIZE);
	free(dst);
}

/* The CPU entry and table addresses, and each CPU's boot level in its /cpus node. */
static void test_cpu_levels(void **state)
{
	struct hs_cpu_table t = {.ncpus = 3};
	struct hs_handoff h = installed;
	void *dtb = load_dtb("virt-gicv3"), *dst;
	char src[ROOM];
	int err, node, len;
	const fdt32_t *v;

	(void)state;
	/* The loader's tree says things of its own: a stale level on an unlisted CPU. */
	assert_int_equal(fdt_open_into(dtb, src, sizeof(src)), 0);
	free(dtb);
	node = fdt_path_offset(src, "/cpus/cpu@1");
	assert_int_equal(fdt_setprop_u32(src, node, HS_DT_PROP_CPU_BOOT_EL, 7), 0);
	t.cpu[0] = (struct hs_cpu){.mpidr = 0, .level = 2, .state = HS_CPU_RUNNING};
	t.cpu[1] = (struct hs_cpu){.mpidr = 0x100, .level = 1, .state = HS_CPU_PARKED};
	t.cpu[2] = (struct hs_cpu){.mpidr = 0x101, .level = 2, .state = HS_CPU_NEVER_UP};
	h.cpu_entry = RESIDENT_BASE + 0x1000;
	h.cpu_table = RESIDENT_BASE + 0x1800;
	h.cpus = &t;
	dst = handoff(src, ROOM, &h, &err);
	assert_int_equal(err, 0);
	node = fdt_path_offset(dst, HS_DT_NODE);
	v = fdt_getprop(dst, node, HS_DT_PROP_CPU_ENTRY, &len);
	assert_non_null(v);
	assert_int_equal(len, 8);
	assert_int_equal(be_cells(v, 2), RESIDENT_BASE + 0x1000);
	v = fdt_getprop(dst, node, HS_DT_PROP_CPU_TABLE, &len);
	assert_non_null(v);
	assert_int_equal(be_cells(v, 2), RESIDENT_BASE + 0x1800);
	/* Listed CPUs get their level (0: never came up); unlisted ones nothing, not even the
	 * loader's. */
	static const struct {
		const char *path;
		int level; /* -1: no property */
	} want[] = {
	    {"/cpus/cpu@0", 2}, {"/cpus/cpu@100", 1}, {"/cpus/cpu@101", 0}, {"/cpus/cpu@1", -1}};
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		node = fdt_path_offset(dst, want[i].path);
		assert_true(node >= 0);
		v = fdt_getprop(dst, node, HS_DT_PROP_CPU_BOOT_EL, &len);
		if (want[i].level < 0) {
			assert_null(v);
			continue;
		}
		assert_non_null(v);
		assert_int_equal(len, 4);
		assert_int_equal(fdt32_to_cpu(v[0]), want[i].level);
	}
	free(dst);
}

/*
 * A spin-table board: each CPU the table marks as started by a spin table
 * gets its own release slot in the resident region as cpu-release-addr
 * (64-bit, as Linux reads it); CPUs the table does not list, and PSCI
 * boards, keep what they had.
 */
static void test_spin_table_release_addr(void **state)
{
	struct hs_cpu_table t = {.ncpus = 4, .spin_cpus = 0x0e};
	struct hs_handoff h = installed;
	void *src = load_dtb("spin-table"), *dst;
	const uint64_t release = RESIDENT_BASE + 0x2000;
	int err, node, len;
	const fdt32_t *v;
	char path[32];

	(void)state;
	for (unsigned i = 0; i < 4; i++)
		t.cpu[i] = (struct hs_cpu){.mpidr = i, .level = 2, .state = HS_CPU_WAITING};
	t.cpu[0].state = HS_CPU_RUNNING;
	t.spin_cpus |= 1; /* the boot CPU too: a kernel kexec'd from another CPU releases it */
	h.cpus = &t;
	h.cpu_release = release;
	dst = handoff(src, ROOM, &h, &err);
	assert_int_equal(err, 0);
	node = fdt_path_offset(dst, HS_DT_NODE);
	v = fdt_getprop(dst, node, HS_DT_PROP_CPU_RELEASE, &len);
	assert_non_null(v);
	assert_int_equal(len, 8);
	assert_int_equal(be_cells(v, 2), release);
	for (unsigned i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "/cpus/cpu@%u", i);
		node = fdt_path_offset(dst, path);
		assert_true(node >= 0);
		v = fdt_getprop(dst, node, "cpu-release-addr", &len);
		if (i == 4) {
			assert_null(v); /* not listed, and it had none */
			continue;
		}
		assert_non_null(v);
		assert_int_equal(len, 8);
		assert_int_equal(be_cells(v, 2),
				 release + i * HS_CPU_RELEASE_STRIDE + HS_CPU_RELEASE_ENTRY);
	}
	free(dst);
	/* Rows without the spin-table bit keep the loader's address. */
	t.spin_cpus = 0x01;
	dst = handoff(src, ROOM, &h, &err);
	assert_int_equal(err, 0);
	node = fdt_path_offset(dst, "/cpus/cpu@2");
	v = fdt_getprop(dst, node, "cpu-release-addr", &len);
	assert_non_null(v);
	assert_int_equal(be_cells(v, 2), 0xe8);
	free(dst);
	free(src);
}

/* A PSCI board: no cpu node gets a cpu-release-addr. */
static void test_psci_no_release_addr(void **state)
{
	struct hs_cpu_table t = {.ncpus = 2};
	struct hs_handoff h = installed;
	void *src = load_dtb("virt-gicv3"), *dst;
	int err, node;

	(void)state;
	t.cpu[0] = (struct hs_cpu){.mpidr = 0, .level = 2, .state = HS_CPU_RUNNING};
	t.cpu[1] = (struct hs_cpu){.mpidr = 1, .level = 2, .state = HS_CPU_PARKED};
	h.cpus = &t;
	h.cpu_release = RESIDENT_BASE + 0x2000;
	dst = handoff(src, ROOM, &h, &err);
	assert_int_equal(err, 0);
	for (node = fdt_first_subnode(dst, fdt_path_offset(dst, "/cpus")); node >= 0;
	     node = fdt_next_subnode(dst, node))
		assert_null(fdt_getprop(dst, node, "cpu-release-addr", NULL));
	free(dst);
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_virt),
	    cmocka_unit_test(test_not_installed),
	    cmocka_unit_test(test_single_cells),
	    cmocka_unit_test(test_keeps_memreserve),
	    cmocka_unit_test(test_restart_reserves_once),
	    cmocka_unit_test(test_too_small),
	    cmocka_unit_test(test_bad_source),
	    cmocka_unit_test(test_source_free_space_not_copied),
	    cmocka_unit_test(test_source_blocks_reordered),
	    cmocka_unit_test(test_mixed_cells_reg),
	    cmocka_unit_test(test_cpu_levels),
	    cmocka_unit_test(test_spin_table_release_addr),
	    cmocka_unit_test(test_psci_no_release_addr),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("handoff", tests, NULL, NULL);
}
