// SPDX-License-Identifier: MIT
/*
 * lib/dt/platform.c: the machine read from a device tree. The trees are
 * tests/host/data/<name>.dts compiled by dtc at build time, plus a few odd
 * ones built here with libfdt's sequential-write API.
 */
#include <hypstub/platform.h>
#include <libfdt.h>
#include <string.h>

#include "hosttest.h"

static void read_ok(const char *name, struct hs_platform *p)
{
	void *fdt = load_dtb(name);

	memset(p, 0xa5, sizeof(*p)); /* everything must be written */
	assert_int_equal(hs_platform_read(fdt, p), 0);
	assert_int_equal(hs_platform_console(fdt), p->uart_base);
	free(fdt);
}

static void test_virt_gicv3(void **state)
{
	struct hs_platform p;

	(void)state;
	read_ok("virt-gicv3", &p);
	assert_int_equal(p.ram_base, 0x40000000);
	assert_int_equal(p.ram_size, 0x8000000);
	/* stdout-path, not the first PL011 in the tree. */
	assert_int_equal(p.uart_base, 0x9000000);
	assert_int_equal(p.gic_version, 3);
	assert_int_equal(p.gic_dist_base, 0x8000000);
	assert_int_equal(p.psci, HS_PSCI_HVC);
	/* cpu-map is not a CPU. */
	assert_int_equal(p.ncpus, 4);
	assert_int_equal(p.cpu_mpidr[0], 0x0);
	assert_int_equal(p.cpu_mpidr[1], 0x1);
	assert_int_equal(p.cpu_mpidr[2], 0x100);
	assert_int_equal(p.cpu_mpidr[3], 0x101);
	for (unsigned i = 4; i < HS_MAX_CPUS; i++)
		assert_int_equal(p.cpu_mpidr[i], 0);
	/* u32 cells. */
	assert_int_equal(p.initrd_start, 0x48000000);
	assert_int_equal(p.initrd_end, 0x48123456);
}

/* enable-method per CPU node (the /cpus node's only for CPUs without their own), cpu-release-addr.
 */
static void test_spin_table(void **state)
{
	static const uint64_t release[] = {0xd8, 0xe0, 0xe8, 0xf0, 0};
	struct hs_platform p;

	(void)state;
	read_ok("spin-table", &p);
	assert_int_equal(p.ram_base, 0);
	assert_int_equal(p.ram_size, 0x40000000);
	assert_int_equal(p.psci, HS_PSCI_NONE);
	assert_int_equal(p.gic_version, 0);
	assert_int_equal(p.ncpus, 5);
	for (unsigned i = 0; i < 5; i++) {
		assert_int_equal(p.cpu_mpidr[i], i);
		assert_int_equal(p.cpu_method[i],
				 i < 4 ? HS_CPU_METHOD_SPIN_TABLE : HS_CPU_METHOD_OTHER);
		assert_int_equal(p.cpu_release_addr[i], release[i]);
	}
	assert_string_equal(hs_cpu_method_name(HS_CPU_METHOD_SPIN_TABLE), "spin-table");
}

/* No enable-method: PSCI where the machine has it, else none. */
static void test_cpu_methods_default(void **state)
{
	struct hs_platform p;

	(void)state;
	read_ok("virt-gicv3", &p);
	for (unsigned i = 0; i < p.ncpus; i++) {
		assert_int_equal(p.cpu_method[i], HS_CPU_METHOD_PSCI);
		assert_int_equal(p.cpu_release_addr[i], 0);
	}
	read_ok("fallback", &p);
	for (unsigned i = 0; i < p.ncpus && i < HS_MAX_CPUS; i++)
		assert_int_equal(p.cpu_method[i], HS_CPU_METHOD_NONE);
}

static void test_gicv2_stdout_options(void **state)
{
	struct hs_platform p;

	(void)state;
	read_ok("gicv2-options", &p);
	assert_int_equal(p.ram_base, 0x80000000);
	assert_int_equal(p.ram_size, 0x100000000);
	/* "/pl011@1c0a0000:115200n8": the second PL011, options ignored. */
	assert_int_equal(p.uart_base, 0x1c0a0000);
	assert_int_equal(p.gic_version, 2);
	assert_int_equal(p.gic_dist_base, 0x2c001000);
	assert_int_equal(p.psci, HS_PSCI_SMC);
	/* Two address cells per CPU: Aff3 in the upper one. */
	assert_int_equal(p.ncpus, 2);
	assert_int_equal(p.cpu_mpidr[0], 0);
	assert_int_equal(p.cpu_mpidr[1], 0x100000000);
	/* u64 cells. */
	assert_int_equal(p.initrd_start, 0x100000000);
	assert_int_equal(p.initrd_end, 0x100200000);
}

static void test_alias_and_bus(void **state)
{
	struct hs_platform p;

	(void)state;
	read_ok("alias-soc", &p);
	/* The zero-sized bank is skipped. */
	assert_int_equal(p.ram_base, 0x10000000);
	assert_int_equal(p.ram_size, 0x20000000);
	/* "serial0:115200n8" through /aliases, reg in the bus's single cells. */
	assert_int_equal(p.uart_base, 0x7e201000);
	assert_int_equal(p.gic_version, 2);
	assert_int_equal(p.gic_dist_base, 0xff841000);
	/* A PSCI node without a method says nothing about the conduit. */
	assert_int_equal(p.psci, HS_PSCI_NONE);
	assert_int_equal(p.ncpus, 1);
	assert_int_equal(p.initrd_start, 0);
	assert_int_equal(p.initrd_end, 0);
}

static void test_fallback(void **state)
{
	struct hs_platform p;

	(void)state;
	read_ok("fallback", &p);
	assert_int_equal(p.ram_base, 0x40000000);
	assert_int_equal(p.ram_size, 0x10000000);
	/* stdout-path is a virtio device: the first PL011 instead. */
	assert_int_equal(p.uart_base, 0x9000000);
	assert_int_equal(p.gic_version, 0);
	assert_int_equal(p.gic_dist_base, 0);
	assert_int_equal(p.psci, HS_PSCI_NONE);
	/* Ten CPUs counted, the first HS_MAX_CPUS kept, nothing written past them. */
	assert_int_equal(p.ncpus, 10);
	for (unsigned i = 0; i < HS_MAX_CPUS; i++)
		assert_int_equal(p.cpu_mpidr[i], i);
	assert_int_equal(p.initrd_start, 0);
	assert_int_equal(p.initrd_end, 0);
}

static void test_many_uarts(void **state)
{
	struct hs_platform p;

	(void)state;
	read_ok("many-uarts", &p);
	/* The sixth PL011, found by a second walk. */
	assert_int_equal(p.uart_base, 0x9500000);
	assert_int_equal(p.ram_base, 0x40000000);
}

/* A structure block that breaks off: an error, not half a machine. */
static void test_broken_structure(void **state)
{
	void *fdt = load_dtb("virt-gicv3");
	struct hs_platform p;
	int err;

	(void)state;
	/* The first property's tag becomes one that does not exist. */
	((unsigned char *)fdt)[fdt_off_dt_struct(fdt) + 8 + 3] = 0x0a;
	err = hs_platform_read(fdt, &p);
	assert_int_equal(err, -FDT_ERR_BADSTRUCTURE);
	assert_int_equal(p.ram_size, 0);
	assert_int_equal(p.uart_base, 0);
	free(fdt);
}

static void test_no_memory(void **state)
{
	void *fdt = load_dtb("no-memory");
	struct hs_platform p;

	(void)state;
	assert_int_equal(hs_platform_read(fdt, &p), -FDT_ERR_NOTFOUND);
	/* The console is still found: stdout-path is bad, a PL011 exists. */
	assert_int_equal(hs_platform_console(fdt), 0x9000000);
	free(fdt);
}

static void test_corrupt_header(void **state)
{
	void *good = load_dtb("virt-gicv3");
	size_t size = fdt_totalsize(good);
	void *fdt = malloc(size);
	struct hs_platform p;
	struct {
		size_t offset;
		uint32_t value;
		const char *what;
	} bad[] = {
	    {offsetof(struct fdt_header, magic), 0xedfe0dd0, "byte-swapped magic"},
	    {offsetof(struct fdt_header, magic), 0, "no magic"},
	    {offsetof(struct fdt_header, version), 1, "version 1"},
	    {offsetof(struct fdt_header, last_comp_version), 99, "compatible only with v99"},
	    {offsetof(struct fdt_header, off_dt_struct), 0x7fffff00, "structure past the end"},
	    {offsetof(struct fdt_header, off_dt_strings), 0x7fffff00, "strings past the end"},
	    {offsetof(struct fdt_header, totalsize), 8, "totalsize smaller than the header"},
	};

	(void)state;
	assert_non_null(fdt);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t be = cpu_to_fdt32(bad[i].value);
		int err;

		memcpy(fdt, good, size);
		memcpy((char *)fdt + bad[i].offset, &be, sizeof(be));
		memset(&p, 0xa5, sizeof(p));
		err = hs_platform_read(fdt, &p);
		if (err >= 0)
			fail_msg("%s: hs_platform_read() returned %d", bad[i].what, err);
		/* Nothing half-read is left behind. */
		assert_int_equal(p.ram_size, 0);
		assert_int_equal(p.uart_base, 0);
		assert_int_equal(p.ncpus, 0);
	}
	free(fdt);
	free(good);
}

static void test_conduit_names(void **state)
{
	(void)state;
	assert_string_equal(hs_psci_conduit_name(HS_PSCI_SMC), "smc");
	assert_string_equal(hs_psci_conduit_name(HS_PSCI_HVC), "hvc");
	assert_string_equal(hs_psci_conduit_name(HS_PSCI_NONE), "none");
}

/* ---- Trees built here ---- */

#define SW(call) assert_int_equal((call), 0)

struct sw_opts {
	int root_ac, root_sc;
	const fdt32_t *memreg;
	int memreg_len;
	const void *initrd_start;
	int initrd_len;
	const char *stdout_path; /* NULL: none */
};

static void *sw_tree(const struct sw_opts *o)
{
	size_t room = 4096;
	void *fdt = malloc(room);

	assert_non_null(fdt);
	SW(fdt_create(fdt, (int)room));
	SW(fdt_finish_reservemap(fdt));
	SW(fdt_begin_node(fdt, ""));
	SW(fdt_property_u32(fdt, "#address-cells", (uint32_t)o->root_ac));
	SW(fdt_property_u32(fdt, "#size-cells", (uint32_t)o->root_sc));
	SW(fdt_begin_node(fdt, "memory@40000000"));
	SW(fdt_property_string(fdt, "device_type", "memory"));
	SW(fdt_property(fdt, "reg", o->memreg, o->memreg_len));
	SW(fdt_end_node(fdt));
	SW(fdt_begin_node(fdt, "uart@9000000"));
	SW(fdt_property_string(fdt, "compatible", "arm,pl011"));
	SW(fdt_property_u32(fdt, "reg", 0x9000000)); /* one cell: only valid when ac=1, sc=0 */
	SW(fdt_end_node(fdt));
	SW(fdt_begin_node(fdt, "chosen"));
	if (o->stdout_path)
		SW(fdt_property(fdt, "stdout-path", o->stdout_path, (int)strlen(o->stdout_path)));
	if (o->initrd_start) {
		SW(fdt_property(fdt, "linux,initrd-start", o->initrd_start, o->initrd_len));
		SW(fdt_property(fdt, "linux,initrd-end", o->initrd_start, o->initrd_len));
	}
	SW(fdt_end_node(fdt));
	SW(fdt_end_node(fdt));
	SW(fdt_finish(fdt));
	return fdt;
}

static void test_sw_32bit_cells(void **state)
{
	const fdt32_t reg[] = {cpu_to_fdt32(0x40000000), cpu_to_fdt32(0x20000000)};
	const fdt32_t initrd[] = {cpu_to_fdt32(0x44000000)};
	struct sw_opts o = {1, 1, reg, sizeof(reg), initrd, sizeof(initrd), NULL};
	struct hs_platform p;
	void *fdt = sw_tree(&o);

	(void)state;
	assert_int_equal(hs_platform_read(fdt, &p), 0);
	assert_int_equal(p.ram_base, 0x40000000);
	assert_int_equal(p.ram_size, 0x20000000);
	assert_int_equal(p.initrd_start, 0x44000000);
	assert_int_equal(p.initrd_end, 0x44000000);
	/* reg of one cell where two are needed: no console rather than a wrong one. */
	assert_int_equal(p.uart_base, 0);
	free(fdt);
}

static void test_sw_odd_initrd_and_stdout(void **state)
{
	const fdt32_t reg[] = {cpu_to_fdt32(0x40000000), cpu_to_fdt32(0x20000000)};
	const fdt32_t initrd[] = {cpu_to_fdt32(1), cpu_to_fdt32(2), cpu_to_fdt32(3)};
	/* Not NUL-terminated within its length, then an empty one. */
	struct sw_opts o = {1, 1, reg, sizeof(reg), initrd, sizeof(initrd), "/uart@9000000"};
	struct hs_platform p;
	void *fdt = sw_tree(&o);

	(void)state;
	assert_int_equal(hs_platform_read(fdt, &p), 0);
	/* 12-byte cells are neither u32 nor u64: no initrd. */
	assert_int_equal(p.initrd_start, 0);
	assert_int_equal(p.initrd_end, 0);
	free(fdt);
	o.stdout_path = "";
	fdt = sw_tree(&o);
	assert_int_equal(hs_platform_read(fdt, &p), 0);
	free(fdt);
}

static void test_sw_bad_cells(void **state)
{
	const fdt32_t reg[] = {cpu_to_fdt32(0), cpu_to_fdt32(0x40000000), cpu_to_fdt32(0),
			       cpu_to_fdt32(0x20000000)};
	struct hs_platform p;
	void *fdt;

	(void)state;
	/* #address-cells = 3 at the root: the memory node cannot be read. */
	{
		struct sw_opts o = {3, 1, reg, sizeof(reg), NULL, 0, NULL};

		fdt = sw_tree(&o);
		assert_int_equal(hs_platform_read(fdt, &p), -FDT_ERR_NOTFOUND);
		free(fdt);
	}
	/* reg shorter than #address-cells + #size-cells. */
	{
		struct sw_opts o = {2, 2, reg, 3 * sizeof(fdt32_t), NULL, 0, NULL};

		fdt = sw_tree(&o);
		assert_int_equal(hs_platform_read(fdt, &p), -FDT_ERR_NOTFOUND);
		free(fdt);
	}
	/* A zero-sized bank is no RAM. */
	{
		const fdt32_t zero[] = {cpu_to_fdt32(0x40000000), 0};
		struct sw_opts o = {1, 1, zero, sizeof(zero), NULL, 0, NULL};

		fdt = sw_tree(&o);
		assert_int_equal(hs_platform_read(fdt, &p), -FDT_ERR_NOTFOUND);
		free(fdt);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_virt_gicv3),
	    cmocka_unit_test(test_gicv2_stdout_options),
	    cmocka_unit_test(test_spin_table),
	    cmocka_unit_test(test_cpu_methods_default),
	    cmocka_unit_test(test_alias_and_bus),
	    cmocka_unit_test(test_fallback),
	    cmocka_unit_test(test_many_uarts),
	    cmocka_unit_test(test_broken_structure),
	    cmocka_unit_test(test_no_memory),
	    cmocka_unit_test(test_corrupt_header),
	    cmocka_unit_test(test_conduit_names),
	    cmocka_unit_test(test_sw_32bit_cells),
	    cmocka_unit_test(test_sw_odd_initrd_and_stdout),
	    cmocka_unit_test(test_sw_bad_cells),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("platform", tests, NULL, NULL);
}
