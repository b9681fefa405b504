// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the kexec loader's plan (lib/kexec/plan.c), its image
 * header checks and placement. The input is one byte of options (bit 0:
 * the 32-bit machine; bit 1: a fixed load address follows as 4 bytes;
 * bit 2: the device tree is the fuzzer's too), the image's header (64
 * bytes) and, with bit 2, the device tree's bytes. "RAM" is 512 MiB of
 * host memory mapped where QEMU virt has it (0x40000000, never touched
 * but where the input is put), laid out as the kexec boots have it: the
 * loader at +8 MiB, the stub's resident region at the top, the image at
 * +256 MiB.
 *
 * Properties: a refusal says "kexec: "; an accepted plan puts the kernel
 * and its device tree in RAM, clear of the loader, the stub and each
 * other, the tree also clear of the image as it lies now, the Image
 * text_offset above a 2 MiB boundary, the zImage below 128 MiB.
 */
#include <hypstub/kexec.h>
#include <libfdt.h>
#include <string.h>
#include <sys/mman.h>

#include "fuzz_input.h"

#define RAM_BASE   0x40000000ull
#define RAM_SIZE   0x20000000ull
#define LOADER	   (RAM_BASE + 0x800000)
#define LOADER_END (RAM_BASE + 0x900000)
#define RESIDENT   (RAM_BASE + RAM_SIZE - 0x200000)
#define STAGE	   (RAM_BASE + 0x10000000)
#define DTB_AT	   (RAM_BASE + 0x0f000000)
#define HDR	   64

static uint8_t *ram;

static int overlaps(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
	return a0 < b1 && b0 < a1;
}

/* A small valid tree, for inputs that do not bring their own. */
static void good_dtb(void *at)
{
	FUZZ_CHECK(!fdt_create_empty_tree(at, 4096));
	FUZZ_CHECK(fdt_add_subnode(at, 0, "chosen") >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size};
	unsigned options = (unsigned)fuzz_take(&in, 1);
	struct hs_kexec_request req = {
	    .arch_kind = options & 1 ? HS_KEXEC_ARM_ZIMAGE : HS_KEXEC_ARM64_IMAGE,
	    .image = STAGE,
	    .image_size = 0x400000,
	    .dtb = DTB_AT,
	    .ram_start = RAM_BASE,
	    .ram_end = RAM_BASE + RAM_SIZE,
	    .keep_out = {{LOADER, LOADER_END, "kexec: over the loader"},
			 {RESIDENT, RAM_BASE + RAM_SIZE, "kexec: over the stub"}},
	    .nkeep_out = 2,
	};
	struct hs_kexec_plan p;
	const char *err;

	if (!ram) {
		void *at =
		    mmap((void *)(uintptr_t)RAM_BASE, RAM_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);

		FUZZ_CHECK(at == (void *)(uintptr_t)RAM_BASE);
		ram = at;
	}
	if (options & 2)
		req.load_addr = RAM_BASE + (fuzz_take(&in, 4) & (RAM_SIZE * 2 - 1));
	memset(ram + (STAGE - RAM_BASE), 0, HDR);
	memcpy(ram + (STAGE - RAM_BASE), in.data, in.size < HDR ? in.size : HDR);
	req.image_size = in.size < HDR ? in.size : req.image_size;
	in.data += in.size < HDR ? in.size : HDR;
	in.size -= in.size < HDR ? in.size : HDR;
	memset(ram + (DTB_AT - RAM_BASE), 0, 0x2000);
	if (options & 4) {
		size_t n = in.size < 0x2000 ? in.size : 0x2000;

		memcpy(ram + (DTB_AT - RAM_BASE), in.data, n);
		req.dtb_limit = n;
	} else {
		good_dtb(ram + (DTB_AT - RAM_BASE));
	}
	err = hs_kexec_plan(&req, &p);
	if (err) {
		FUZZ_CHECK(!strncmp(err, "kexec: ", 7));
		return 0;
	}
	FUZZ_CHECK(p.kind == req.arch_kind && p.span >= p.size && p.entry == p.dst);
	FUZZ_CHECK(p.dst >= RAM_BASE && p.span <= RAM_BASE + RAM_SIZE - p.dst);
	FUZZ_CHECK(!overlaps(p.dst, p.dst + p.span, LOADER, LOADER_END));
	FUZZ_CHECK(!overlaps(p.dst, p.dst + p.span, RESIDENT, RAM_BASE + RAM_SIZE));
	FUZZ_CHECK(p.dtb_dst >= RAM_BASE && p.dtb_room <= RAM_BASE + RAM_SIZE - p.dtb_dst);
	FUZZ_CHECK(p.dtb_room >= p.dtb_size && p.dtb_dst % 8 == 0);
	FUZZ_CHECK(!overlaps(p.dtb_dst, p.dtb_dst + p.dtb_room, p.dst, p.dst + p.span));
	FUZZ_CHECK(!overlaps(p.dtb_dst, p.dtb_dst + p.dtb_room, p.src, p.src + p.size));
	FUZZ_CHECK(!overlaps(p.dtb_dst, p.dtb_dst + p.dtb_room, LOADER, LOADER_END));
	FUZZ_CHECK(!overlaps(p.dtb_dst, p.dtb_dst + p.dtb_room, RESIDENT, RAM_BASE + RAM_SIZE));
	if (p.kind == HS_KEXEC_ARM64_IMAGE)
		FUZZ_CHECK((p.dst - p.text_offset) % 0x200000 == 0);
	else if (!req.load_addr)
		FUZZ_CHECK(p.dst < RAM_BASE + HS_KEXEC_ZIMAGE_HIGH && p.dst % 4 == 0);
	return 0;
}
