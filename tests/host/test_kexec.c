// SPDX-License-Identifier: MIT
/*
 * lib/kexec/plan.c: where the kexec loader puts an arm64 Image, an arm
 * zImage and the device tree, and what it refuses. "RAM" is 512 MiB of
 * host memory mapped at QEMU virt's 0x40000000 (only the pages written
 * are ever touched), laid out as the kexec boots have it.
 */
#include <hypstub/kexec.h>
#include <libfdt.h>
#include <string.h>
#include <sys/mman.h>

#include "hosttest.h"

#define RAM  0x40000000ull
#define SIZE 0x20000000ull
/* 64 KiB past a 2 MiB boundary: no place an Image may run, so it moves. */
#define STAGE (RAM + 0x10010000)
/* On a 2 MiB boundary: an Image with text_offset 0 may run where it lies. */
#define ALIGNED (RAM + 0x10400000)
#define DTB	(RAM + 0x0f000000)
#define MIB	0x100000ull

static unsigned char *at(uint64_t pa)
{
	return (unsigned char *)(uintptr_t)pa;
}

static void put(uint64_t pa, unsigned off, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		at(pa)[off + i] = (unsigned char)(v >> (8 * i));
}

static void image_at(uint64_t pa, uint64_t text_offset, uint64_t span, uint64_t flags)
{
	memset(at(pa), 0, 64);
	put(pa, 8, text_offset, 8);
	put(pa, 16, span, 8);
	put(pa, 24, flags, 8);
	memcpy(at(pa) + 0x38, "ARM\x64", 4);
}

static void image(uint64_t text_offset, uint64_t span, uint64_t flags)
{
	image_at(STAGE, text_offset, span, flags);
}

static void zimage(uint32_t end, uint32_t endian)
{
	memset(at(STAGE), 0, 64);
	put(STAGE, 0x24, 0x016f2818, 4);
	put(STAGE, 0x2c, end, 4);
	put(STAGE, 0x30, endian, 4);
}

static struct hs_kexec_request request(enum hs_kexec_kind kind, uint64_t size)
{
	struct hs_kexec_request r = {
	    .arch_kind = kind,
	    .image = STAGE,
	    .image_size = size,
	    .dtb = DTB,
	    .ram_start = RAM,
	    .ram_end = RAM + SIZE,
	    .keep_out = {{RAM + 8 * MIB, RAM + 9 * MIB, "kexec: over the loader"},
			 {RAM + SIZE - 2 * MIB, RAM + SIZE, "kexec: over the stub"}},
	    .nkeep_out = 2,
	};
	return r;
}

static int setup(void **state)
{
	void *p = mmap((void *)(uintptr_t)RAM, SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);

	(void)state;
	if (p != (void *)(uintptr_t)RAM)
		return -1;
	return fdt_create_empty_tree(at(DTB), 0x1000);
}

static void refused(const struct hs_kexec_request *r, const char *want)
{
	struct hs_kexec_plan p;
	const char *err = hs_kexec_plan(r, &p);

	assert_non_null(err);
	assert_non_null(strstr(err, want));
}

static void test_linux_image_goes_above_the_loader(void **state)
{
	struct hs_kexec_request r = request(HS_KEXEC_ARM64_IMAGE, 27303872);
	struct hs_kexec_plan p;

	(void)state;
	image(0, 0x1ab0000, 0xa);
	assert_null(hs_kexec_plan(&r, &p));
	assert_int_equal(p.dst, RAM + 10 * MIB); /* the first 2 MiB boundary past the loader */
	assert_int_equal(p.entry, p.dst);
	assert_int_equal(p.dtb_dst, (p.dst + 0x1ab0000 + 2 * MIB - 1) & ~(2 * MIB - 1));
	assert_int_equal(p.dtb_size, fdt_totalsize(at(DTB)));
}

static void test_shim_image_goes_text_offset_above_ram(void **state)
{
	struct hs_kexec_request r = request(HS_KEXEC_ARM64_IMAGE, 50000);
	struct hs_kexec_plan p;

	(void)state;
	image(0x200000, 0x10490, 0xa);
	assert_null(hs_kexec_plan(&r, &p));
	assert_int_equal(p.dst, RAM + 2 * MIB);
	assert_int_equal(p.dtb_dst, RAM + 4 * MIB);
}

static void test_image_refusals(void **state)
{
	struct hs_kexec_request r = request(HS_KEXEC_ARM64_IMAGE, 0x100000);

	(void)state;
	image(0, 0x1000000, 0x2); /* bit 3 clear: at the start of RAM, over the loader */
	refused(&r, "over the loader");
	image(0, 0x100000, 0xb);
	refused(&r, "big-endian");
	image(0, 0, 0xa);
	refused(&r, "image_size 0");
	image(0, 0x1000, 0xa);
	refused(&r, "smaller than the file");
	image(0, SIZE, 0xa);
	refused(&r, "does not fit in RAM");
	image(0, 0x100000, 0xa);
	r.load_addr = RAM + SIZE - 2 * MIB;
	refused(&r, "over the stub");
	r.load_addr = RAM + 0x1000;
	refused(&r, "2 MiB boundary");
	r.load_addr = 0;
	r.image_size = SIZE;
	refused(&r, "runs past the end of RAM");
	r.image_size = 0x100000;
	at(STAGE)[0x38] = 0;
	refused(&r, "not a kernel image");
	zimage(0x545200, 0x04030201);
	refused(&r, "cannot run on this 64-bit machine");
}

static void test_zimage_between_32_and_128_mib(void **state)
{
	struct hs_kexec_request r = request(HS_KEXEC_ARM_ZIMAGE, 0x545200);
	struct hs_kexec_plan p;

	(void)state;
	zimage(0x545200, 0x04030201);
	assert_null(hs_kexec_plan(&r, &p));
	assert_int_equal(p.dst, RAM + 32 * MIB);
	assert_int_equal(p.dtb_dst, RAM + 128 * MIB);
	zimage(0x545200, 0x01020304);
	refused(&r, "big-endian");
	zimage(0x545200, 0);
	refused(&r, "endianness");
	zimage(0x100, 0x04030201);
	refused(&r, "smaller than the file");
	zimage(0x545200, 0x04030201);
	r.initrd = RAM + 32 * MIB; /* 32 to 128 MiB taken */
	r.initrd_size = 96 * MIB;
	refused(&r, "between 32 and 128 MiB");
}

static void test_source_may_overlap_its_place(void **state)
{
	struct hs_kexec_request r = request(HS_KEXEC_ARM64_IMAGE, 0x100000);
	struct hs_kexec_plan p;
	uint64_t stage = RAM + 10 * MIB + 0x10000;

	(void)state;
	image(0, 0x900000, 0xa); /* too big for below the loader */
	memcpy(at(stage), at(STAGE), 64);
	r.image = stage;
	assert_null(hs_kexec_plan(&r, &p));
	assert_int_equal(p.dst, RAM + 10 * MIB); /* moved down over itself: memmove */
	assert_false(p.dtb_dst < stage + 0x100000 && stage < p.dtb_dst + p.dtb_room);
}

/* An Image already text_offset above a 2 MiB boundary, with room, is not copied. */
static void test_image_runs_where_it_lies(void **state)
{
	struct hs_kexec_request r = request(HS_KEXEC_ARM64_IMAGE, 27303872);
	struct hs_kexec_plan p;

	(void)state;
	r.image = ALIGNED;
	image_at(ALIGNED, 0, 0x1ab0000, 0xa);
	assert_null(hs_kexec_plan(&r, &p));
	assert_int_equal(p.dst, ALIGNED);
	assert_int_equal(p.entry, ALIGNED);
	assert_int_equal(p.dtb_dst, (ALIGNED + 0x1ab0000 + 2 * MIB - 1) & ~(2 * MIB - 1));
	/* text_offset above the boundary: the shim's own image. */
	r.image = ALIGNED + 2 * MIB;
	r.image_size = 50000;
	image_at(ALIGNED + 2 * MIB, 2 * MIB, 0x10490, 0xa);
	assert_null(hs_kexec_plan(&r, &p));
	assert_int_equal(p.dst, ALIGNED + 2 * MIB);
	/* Bit 3 clear: the start of RAM, as before. */
	image_at(ALIGNED + 2 * MIB, 2 * MIB, 0x10490, 0x2);
	assert_null(hs_kexec_plan(&r, &p));
	assert_int_equal(p.dst, RAM + 2 * MIB);
	/* The load address given wins. */
	image_at(ALIGNED + 2 * MIB, 2 * MIB, 0x10490, 0xa);
	r.load_addr = RAM + 16 * MIB + 2 * MIB;
	assert_null(hs_kexec_plan(&r, &p));
	assert_int_equal(p.dst, RAM + 18 * MIB);
	r.load_addr = 0;
	/* Its image_size over the initrd: moved to the first free place. */
	r.image = ALIGNED;
	r.image_size = 0x100000;
	image_at(ALIGNED, 0, 0x900000, 0xa);
	r.initrd = ALIGNED + 0x800000;
	r.initrd_size = 0x1000;
	assert_null(hs_kexec_plan(&r, &p));
	assert_int_equal(p.dst, RAM + 10 * MIB);
	r.initrd_size = 0;
	/* Its image_size past the end of RAM: moved. */
	r.image = RAM + SIZE - 4 * MIB;
	image_at(r.image, 0, 0x900000, 0xa);
	r.nkeep_out = 1; /* no stub at the top of RAM to collide with first */
	assert_null(hs_kexec_plan(&r, &p));
	assert_int_equal(p.dst, RAM + 10 * MIB);
}

static void test_initrd_is_kept_out(void **state)
{
	struct hs_kexec_request r = request(HS_KEXEC_ARM64_IMAGE, 0x100000);
	struct hs_kexec_plan p;

	(void)state;
	image(0, 0x900000, 0xa);
	r.initrd = RAM + 10 * MIB;
	r.initrd_size = 0x1000;
	assert_null(hs_kexec_plan(&r, &p));
	assert_int_equal(p.dst, RAM + 12 * MIB);
	r.load_addr = RAM + 10 * MIB;
	refused(&r, "overlaps the initrd");
}

/* The header writer the tests and the bench use: byte for byte what this file writes by hand. */
static void test_header_writer(void **state)
{
	unsigned char mine[64];

	(void)state;
	image(0x800000, 0x1ab0000, 0xa);
	hs_kexec_header_write(mine, HS_KEXEC_ARM64_IMAGE, 0x800000, 0x1ab0000);
	assert_memory_equal(mine, at(STAGE), 64);
	assert_int_equal(hs_kexec_image_kind(mine, 64), HS_KEXEC_ARM64_IMAGE);
	zimage(0x543210, 0x04030201);
	hs_kexec_header_write(mine, HS_KEXEC_ARM_ZIMAGE, 0, 0x543210);
	assert_memory_equal(mine, at(STAGE), 64);
	assert_int_equal(hs_kexec_image_kind(mine, 64), HS_KEXEC_ARM_ZIMAGE);
}

static void test_device_tree_refusals(void **state)
{
	struct hs_kexec_request r = request(HS_KEXEC_ARM64_IMAGE, 0x100000);
	uint32_t magic;

	(void)state;
	image(0, 0x200000, 0xa);
	r.dtb_limit = 16;
	refused(&r, "does not fit in RAM");
	r.dtb_limit = 0;
	fdt_set_totalsize(at(DTB), 0x30000000);
	refused(&r, "does not fit in RAM");
	fdt_set_totalsize(at(DTB), 0x1000);
	memcpy(&magic, at(DTB), 4);
	memset(at(DTB), 0, 4);
	refused(&r, "rejected by libfdt");
	memcpy(at(DTB), &magic, 4);
	put(DTB, fdt_off_dt_struct(at(DTB)), 0x0a000000, 4); /* no such tag */
	refused(&r, "rejected by libfdt");
	r.dtb = RAM + SIZE;
	refused(&r, "does not lie in RAM");
	assert_int_equal(fdt_create_empty_tree(at(DTB), 0x1000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_linux_image_goes_above_the_loader),
	    cmocka_unit_test(test_shim_image_goes_text_offset_above_ram),
	    cmocka_unit_test(test_image_refusals),
	    cmocka_unit_test(test_zimage_between_32_and_128_mib),
	    cmocka_unit_test(test_source_may_overlap_its_place),
	    cmocka_unit_test(test_image_runs_where_it_lies),
	    cmocka_unit_test(test_initrd_is_kept_out),
	    cmocka_unit_test(test_header_writer),
	    cmocka_unit_test(test_device_tree_refusals),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
