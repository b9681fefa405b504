// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the payload loader's checks (boot/payload.c). The
 * input is one byte of options (bit 0: the 32-bit machine, ELF32 ARM with
 * Thumb entries; bit 1: the image itself lies inside "RAM", as an initrd
 * does) and then the image. "RAM" is 1 MiB of host memory mapped at the
 * physical addresses the limits name (0x40000000), so that the loader's
 * copies land where an image says; its layout is that of QEMU virt scaled
 * down: a shim, a resident region at the top, raw images at +512 KiB.
 *
 * Properties: a refused image changes no byte of RAM; an accepted one
 * lies in RAM, clear of the keep-out ranges and of the image itself, its
 * entry point inside what was loaded, and RAM outside [low, high) is
 * unchanged.
 */
#include <elf.h>
#include <string.h>
#include <sys/mman.h>

#include "../../boot/payload.h"
#include "fuzz_input.h"

#define RAM_BASE      0x40000000ull
#define RAM_SIZE      0x100000ull
#define SHIM_BASE     (RAM_BASE + 0x20000)
#define SHIM_END      (RAM_BASE + 0x30000)
#define RESIDENT_BASE (RAM_BASE + 0xe0000)
#define RAW_LOAD      (RAM_BASE + 0x80000)
#define IMAGE_IN_RAM  (RAM_BASE + 0xa0000) /* where bit 1 puts the image */

static uint8_t *ram;
/* RAM's fill before every run: a copy or a zeroed bss shows against it. */
#define RAM_FILL 0xa5
static uint8_t fill[RAM_SIZE];

static const struct hs_range keep_out[] = {
    {SHIM_BASE, SHIM_END, "payload: a segment overlaps the shim"},
    {RESIDENT_BASE, RAM_BASE + RAM_SIZE, "payload: a segment overlaps the resident region"},
};

static void map_ram(void)
{
	void *at = mmap((void *)(uintptr_t)RAM_BASE, RAM_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	FUZZ_CHECK(at == (void *)(uintptr_t)RAM_BASE);
	ram = at;
}

static int overlaps(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
	return a0 < b1 && b0 < a1;
}

/* RAM in [lo, hi) still holds the fill, except where the image itself is. */
static int untouched(uint64_t lo, uint64_t hi, uint64_t img_lo, uint64_t img_hi)
{
	if (overlaps(lo, hi, img_lo, img_hi))
		return untouched(lo, img_lo > lo ? img_lo : lo, 0, 0) &&
		       untouched(img_hi < hi ? img_hi : hi, hi, 0, 0);
	return lo >= hi || !memcmp(ram + (lo - RAM_BASE), fill, hi - lo);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size};
	unsigned options = (unsigned)fuzz_take(&in, 1);
	int arm = options & 1;
	int image_in_ram = (options & 2) && in.size <= RESIDENT_BASE - IMAGE_IN_RAM;
	struct hs_load_limits lim = {
	    .ram_start = RAM_BASE,
	    .ram_end = RAM_BASE + RAM_SIZE,
	    .keep_out = keep_out,
	    .nkeep_out = sizeof(keep_out) / sizeof(keep_out[0]),
	    .raw_load_addr = RAW_LOAD,
	    .elf_machine = arm ? EM_ARM : EM_AARCH64,
	    .elf_class = arm ? ELFCLASS32 : ELFCLASS64,
	    .thumb_entry = (uint8_t)arm,
	};
	struct hs_loaded out;
	const uint8_t *img = in.data;
	uint64_t img_lo = 0, img_hi = 0, code;
	const char *err;

	if (!ram) {
		map_ram();
		memset(fill, RAM_FILL, sizeof(fill));
	}
	memset(ram, RAM_FILL, RAM_SIZE);
	if (image_in_ram) {
		img = ram + (IMAGE_IN_RAM - RAM_BASE);
		memcpy(ram + (IMAGE_IN_RAM - RAM_BASE), in.data, in.size);
		img_lo = IMAGE_IN_RAM;
		img_hi = img_lo + in.size;
	}
	err = hs_payload_load(img, in.size, &lim, &out);
	if (err) {
		FUZZ_CHECK(!strncmp(err, "payload: ", 9));
		FUZZ_CHECK(untouched(RAM_BASE, RAM_BASE + RAM_SIZE, img_lo, img_hi));
		FUZZ_CHECK(!image_in_ram || !memcmp(img, in.data, in.size));
		return 0;
	}
	FUZZ_CHECK(out.low < out.high);
	FUZZ_CHECK(out.low >= lim.ram_start && out.high <= lim.ram_end);
	FUZZ_CHECK(out.is_elf || (out.entry == RAW_LOAD && out.high - out.low == in.size));
	code = arm ? out.entry & ~1ull : out.entry;
	FUZZ_CHECK(code >= out.low && code < out.high);
	FUZZ_CHECK((arm && (out.entry & 1)) || (out.entry & 3) == 0);
	/* Nothing written outside what was loaded; never a byte in a keep-out range. */
	FUZZ_CHECK(untouched(RAM_BASE, out.low, img_lo, img_hi));
	FUZZ_CHECK(untouched(out.high, RAM_BASE + RAM_SIZE, img_lo, img_hi));
	for (unsigned i = 0; i < lim.nkeep_out; i++)
		FUZZ_CHECK(untouched(keep_out[i].start, keep_out[i].end, 0, 0));
	/* The image is never loaded over itself. */
	FUZZ_CHECK(!image_in_ram || !overlaps(out.low, out.high, img_lo, img_hi) || out.is_elf);
	return 0;
}
