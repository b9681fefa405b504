// SPDX-License-Identifier: MIT
/* Shared helpers of the host unit tests that are more than a line. */
#include <libfdt.h>

#include "hosttest.h"

void *load_dtb(const char *name)
{
	char path[512];
	FILE *f;
	long n;
	void *buf;

	snprintf(path, sizeof(path), "%s/%s.dtb",
		 getenv("HOST_DTB_DIR") ? getenv("HOST_DTB_DIR") : HOST_DTB_DIR, name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (build it with make host-test)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	assert_int_equal(fdt_check_header(buf), 0);
	return buf;
}
