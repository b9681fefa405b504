// SPDX-License-Identifier: MIT
/*
 * lib/dt/translate.c and the console choice: ranges at every level,
 * empty and missing ranges, stdout-path through an alias; then the three
 * Debian board trees (when scripts/fetch-linux.sh has cached them),
 * against libfdt's own answers for the alias and the cells.
 */
#include <hypstub/dt_translate.h>
#include <hypstub/platform.h>
#include <libfdt.h>
#include <string.h>

#include "hosttest.h"

static uint64_t reg0(const void *fdt, const char *path, int *err)
{
	uint64_t addr = 0, size;
	int node = fdt_path_offset(fdt, path);

	assert_true(node >= 0);
	*err = hs_dt_reg(fdt, node, 0, &addr, &size);
	return addr;
}

static void test_ranges(void **state)
{
	void *fdt = load_dtb("ranges");
	int err;

	(void)state;
	/* Two levels: 0x1000 -> 0x7e201000 -> 0x1_3f201000. */
	assert_int_equal(reg0(fdt, "/soc/sub/serial@1000", &err), 0x13f201000ull);
	assert_int_equal(err, 0);
	/* An empty ranges is the identity, then /soc's. */
	assert_int_equal(reg0(fdt, "/soc/flat/uart@7e201000", &err), 0x13f201000ull);
	assert_int_equal(err, 0);
	/* No ranges: not memory-mapped. */
	reg0(fdt, "/soc/closed/uart@0", &err);
	assert_int_equal(err, -FDT_ERR_NOTFOUND);
	/* Outside every ranges entry. */
	reg0(fdt, "/soc/outside@0", &err);
	assert_int_equal(err, -FDT_ERR_NOTFOUND);
	/* The root's children: no translation. */
	assert_int_equal(reg0(fdt, "/reserved-memory", &err), 0);
	free(fdt);
}

static void test_platform_on_ranges(void **state)
{
	void *fdt = load_dtb("ranges");
	struct hs_platform p;

	(void)state;
	assert_int_equal(hs_platform_read(fdt, &p), 0);
	assert_int_equal(p.console_how, HS_CONSOLE_STDOUT);
	assert_int_equal(p.uart_base, 0x13f201000ull);
	assert_int_equal(p.uart.type, HS_UART_NS16550);
	assert_int_equal(p.uart.reg_shift, 2);
	assert_int_equal(p.uart.reg_io_width, 4);
	assert_int_equal(p.gic_version, 0); /* no GIC: a valid machine */
	assert_int_equal(p.nmem, 2);
	assert_int_equal(p.mem[1].base, 0x800000000ull);
	assert_int_equal(p.mem[1].size, 0x20000000);
	/* /reserved-memory, then /memreserve/ (but not hypstub's own region). */
	assert_int_equal(p.nrsv, 2);
	assert_int_equal(p.rsv[0].base, 0xf000000);
	assert_int_equal(p.rsv[1].base, 0);
	assert_int_equal(p.rsv[1].size, 0x1000);
	/* The top of the first bank is reserved: the region goes below it. */
	assert_int_equal(hs_platform_place_top(&p, 0, 0x10000000, 0x200000, 0x200000), 0xee00000);
	/* The second bank is the one that holds the caller. */
	assert_int_equal(hs_platform_use_bank_of(&p, 0x800001000ull), 0);
	assert_int_equal(p.ram_base, 0x800000000ull);
	free(fdt);
}

/* A Debian board tree, cached by scripts/fetch-linux.sh; NULL (the test skips) when absent. */
static void *board_dtb(const char *rel)
{
	char path[512];
	FILE *f;
	long size;
	void *fdt;

	snprintf(path, sizeof(path), "%s/build/linux/%s", HOST_SRCDIR, rel);
	f = fopen(path, "rb");
	if (!f) {
		print_message("no %s (make run BOARD=... fetches it): skipped\n", path);
		return NULL;
	}
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	fdt = malloc((size_t)size);
	assert_non_null(fdt);
	assert_int_equal(fread(fdt, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	assert_int_equal(fdt_check_header(fdt), 0);
	return fdt;
}

/* stdout-path's node by libfdt (fdt_get_alias / fdt_path_offset) and by the platform reader. */
static void check_board(const char *rel, const char *alias, uint64_t want, unsigned type,
			unsigned shift, unsigned width, unsigned gic)
{
	void *fdt = board_dtb(rel);
	struct hs_platform p;
	const char *path;
	int node;

	if (!fdt)
		skip();
	path = fdt_get_alias(fdt, alias);
	assert_non_null(path);
	node = fdt_path_offset(fdt, path);
	assert_true(node >= 0);
	assert_int_equal(fdt_path_offset(fdt, alias), node);
	/* QEMU writes the memory node; the Raspberry Pi's tree has a size of 0 there. */
	hs_platform_read(fdt, &p);
	assert_int_equal(p.console_how, HS_CONSOLE_STDOUT);
	assert_int_equal(p.console_node, node);
	assert_int_equal(p.uart_base, want);
	assert_int_equal(p.uart.type, type);
	assert_int_equal(p.uart.reg_shift, shift);
	assert_int_equal(p.uart.reg_io_width, width);
	assert_int_equal(p.gic_version, gic);
	free(fdt);
}

static void test_raspi3b(void **state)
{
	(void)state;
	/* serial1, the mini UART: bus 0x7e215040 through /soc's ranges. */
	check_board("arm64-arm64/dtbs/broadcom/bcm2837-rpi-3-b.dtb", "serial1", 0x3f215040,
		    HS_UART_NS16550, 2, 4, 0);
}

static void test_zcu102(void **state)
{
	(void)state;
	check_board("arm64-arm64/dtbs/xilinx/zynqmp-zcu102-rev1.0.dtb", "serial0", 0xff000000,
		    HS_UART_CDNS, 0, 4, 2);
}

static void test_orangepi_pc(void **state)
{
	(void)state;
	check_board("arm-armmp/dtbs/sun8i-h3-orangepi-pc.dtb", "serial0", 0x1c28000,
		    HS_UART_NS16550, 2, 4, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ranges),	cmocka_unit_test(test_platform_on_ranges),
	    cmocka_unit_test(test_raspi3b),	cmocka_unit_test(test_zcu102),
	    cmocka_unit_test(test_orangepi_pc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
