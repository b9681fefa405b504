// SPDX-License-Identifier: MIT
/*
 * Suite "stub", the version: the shim names itself in /hypstub
 * (hypstub,version), a non-empty printable string. The test prints it;
 * tests/run.py checks that it is the build's version and the console's
 * first line.
 */
#include <hypstub/bootinfo.h>
#include <hypstub/rt.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

TEST(stub, version_in_the_hypstub_node)
{
	int node = fdt_path_offset(rt_dtb, HS_DT_NODE), len = 0;
	const char *v = node >= 0 ? fdt_getprop(rt_dtb, node, HS_DT_PROP_VERSION, &len) : NULL;
	int printable = 1;

	ASSERT_EQ(v != NULL, 1);
	/* One string, its terminating NUL the property's last byte. */
	ASSERT_EQ(len > 1, 1);
	EXPECT_EQ(strnlen(v, (size_t)len), (size_t)len - 1);
	for (int i = 0; i < len - 1; i++)
		if (v[i] < 0x21 || v[i] > 0x7e)
			printable = 0;
	EXPECT_EQ(printable, 1);
	if (printable)
		printf("guest: hypstub,version = \"%s\"\n", v);
}
