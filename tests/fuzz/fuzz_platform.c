// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: reading the machine from a device tree
 * (lib/dt/platform.c). The input is the tree as a loader would hand it
 * over; its header's totalsize is made to say the size of the input, the
 * one thing the shim has to trust (it cannot know the buffer's size), and
 * the tree ends right before an unreadable page.
 */
#include <hypstub/dt_walk.h>
#include <hypstub/platform.h>
#include <libfdt.h>
#include <string.h>

#include "fuzz_input.h"

/*
 * The walk's lookups against libfdt's: where neither reports a malformed
 * tree, both find the same node (or neither does), and the same property.
 */
static void same_as_libfdt(const void *fdt)
{
	static const char *const paths[] = {"/",	 "/chosen",	  "/cpus",
					    "/hypstub",	 "/memory",	  "/cpus/cpu@0",
					    "/cpus/cpu", "/pl011@9000000"};
	static const char *const props[] = {"reg", "compatible", "stdout-path", "device_type"};

	for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		int a = fdt_path_offset(fdt, paths[i]);
		int b = hs_dt_path(fdt, paths[i], (int)strlen(paths[i]));

		if (a >= 0 && b >= 0)
			FUZZ_CHECK(a == b);
		FUZZ_CHECK(!(a >= 0 && b == -FDT_ERR_NOTFOUND));
		FUZZ_CHECK(!(b >= 0 && a == -FDT_ERR_NOTFOUND));
		for (unsigned j = 0; a >= 0 && a == b && j < sizeof(props) / sizeof(props[0]);
		     j++) {
			int la, lb;
			const void *pa = fdt_getprop(fdt, a, props[j], &la);
			const void *pb = hs_dt_prop(fdt, b, props[j], &lb);

			if (pa && pb)
				FUZZ_CHECK(pa == pb && la == lb);
			FUZZ_CHECK(!(pa && !pb && lb == -FDT_ERR_NOTFOUND));
			FUZZ_CHECK(!(pb && !pa && la == -FDT_ERR_NOTFOUND));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hs_platform p;
	void *fdt;
	int err;

	if (size < sizeof(struct fdt_header))
		return 0;
	fdt = fuzz_guarded_copy(data, size);
	fdt_set_totalsize(fdt, (uint32_t)size);
	same_as_libfdt(fdt);
	err = hs_platform_read(fdt, &p);
	if (err == 0) {
		/* Success promises a memory bank. */
		FUZZ_CHECK(p.ram_size != 0);
		FUZZ_CHECK(p.gic_version == 0 || p.gic_version == 2 || p.gic_version == 3);
		FUZZ_CHECK(p.psci <= HS_PSCI_HVC);
		FUZZ_CHECK(p.uart_base == hs_platform_console(fdt));
	} else {
		FUZZ_CHECK(err < 0);
	}
	return 0;
}
