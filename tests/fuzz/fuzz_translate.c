// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: a node's reg translated through its ancestors' ranges
 * (lib/dt/translate.c), on every node of a tree as a loader would hand it
 * over (the header's totalsize is the input's size, the tree ends before
 * an unreadable page). Properties: nothing is read out of bounds; a
 * translation that succeeds went through ancestors that all have a
 * `ranges`; through empty ranges only, the address is reg's own; the
 * console the platform reader picks by stdout-path is the node libfdt's
 * alias and path lookup names.
 */
#include <hypstub/dt_translate.h>
#include <hypstub/platform.h>
#include <libfdt.h>
#include <string.h>

#include "fuzz_input.h"

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

static void check_node(const void *fdt, int node)
{
	for (int i = 0; i < 3; i++) {
		uint64_t addr, size;
		int parent = fdt_parent_offset(fdt, node), len;
		bool identity = true;

		if (hs_dt_reg(fdt, node, i, &addr, &size) != 0)
			continue;
		FUZZ_CHECK(parent >= 0);
		/* Every ancestor below the root has a ranges; are they all empty? */
		for (int n = parent; n > 0; n = fdt_parent_offset(fdt, n)) {
			FUZZ_CHECK(fdt_getprop(fdt, n, "ranges", &len) != NULL);
			identity = identity && len == 0;
		}
		if (identity) {
			int ac = fdt_address_cells(fdt, parent), sc = fdt_size_cells(fdt, parent);
			const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

			FUZZ_CHECK(reg && ac >= 1 && ac <= 2 && sc >= 0 && sc <= 2);
			FUZZ_CHECK(len >= (i + 1) * 4 * (ac + sc));
			FUZZ_CHECK(addr == cells(reg + i * (ac + sc), ac));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hs_platform p;
	void *fdt;
	int n, count = 0;

	if (size < sizeof(struct fdt_header))
		return 0;
	fdt = fuzz_guarded_copy(data, size);
	fdt_set_totalsize(fdt, (uint32_t)size);
	if (fdt_check_header(fdt))
		return 0;
	for (n = fdt_next_node(fdt, -1, NULL); n >= 0 && count < 256;
	     n = fdt_next_node(fdt, n, NULL), count++)
		check_node(fdt, n);
	if (hs_platform_read(fdt, &p) == 0 && p.console_how == HS_CONSOLE_STDOUT) {
		int chosen = fdt_path_offset(fdt, "/chosen"), len;
		const char *path =
		    chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", &len) : NULL;
		const char *colon;

		FUZZ_CHECK(path != NULL && len > 0);
		colon = memchr(path, ':', (size_t)len);
		FUZZ_CHECK(fdt_path_offset_namelen(fdt, path,
						   colon ? (int)(colon - path)
							 : (int)strnlen(path, (size_t)len)) ==
			   p.console_node);
		FUZZ_CHECK(p.uart.type != HS_UART_NONE && p.uart.base == p.uart_base);
	}
	return 0;
}
