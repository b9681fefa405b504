// SPDX-License-Identifier: MIT
/*
 * Suite "el1", arch-neutral part: the payload was entered with the boot
 * registers of the architecture's Linux convention, and the device tree
 * it was given is the one the shim built (it carries /hypstub).
 */
#include <hypstub/bootinfo.h>
#include <hypstub/rt.h>
#include <libfdt.h>

#include "arch_test.h"
#include "harness.h"

TEST(el1, entered_with_the_linux_boot_registers)
{
	unsigned long want[4];
	unsigned n = arch_test_boot_regs((unsigned long)(uintptr_t)rt_dtb, want);

	for (unsigned i = 0; i < n; i++)
		EXPECT_EQ(rt_entry_regs[i], want[i]);
	EXPECT_TRUE(fdt_path_offset(rt_dtb, HS_DT_NODE) >= 0);
}
