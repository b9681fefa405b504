// SPDX-License-Identifier: MIT
/* The guarded buffer of fuzz_input.h. */
#include "fuzz_input.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static uint8_t *region;
static size_t region_size;

void fuzz_guarded_release(void)
{
	if (region)
		munmap(region, region_size);
	region = NULL;
	region_size = 0;
}

void *fuzz_guarded_copy(const uint8_t *data, size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t room = (size + 7) & ~(size_t)7;
	size_t need = (room + page - 1) / page * page + page;
	uint8_t *start;

	if (need > region_size) {
		fuzz_guarded_release();
		region =
		    mmap(NULL, need, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		FUZZ_CHECK(region != MAP_FAILED);
		region_size = need;
		FUZZ_CHECK(mprotect(region + need - page, page, PROT_NONE) == 0);
	}
	start = region + region_size - page - room;
	memcpy(start, data, size);
	memset(start + size, 0, room - size);
	return start;
}
