// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: reading the machine from a device tree
 * (lib/dt/platform.c). The input is the tree as a loader would hand it
 * over; its header's totalsize is made to say the size of the input, the
 * one thing the shim has to trust (it cannot know the buffer's size), and
 * the tree ends right before an unreadable page.
 */
#include <hypstub/platform.h>
#include <libfdt.h>
#include <string.h>

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hs_platform p;
	void *fdt;
	int err;

	if (size < sizeof(struct fdt_header))
		return 0;
	fdt = fuzz_guarded_copy(data, size);
	fdt_set_totalsize(fdt, (uint32_t)size);
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
