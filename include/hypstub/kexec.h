/* SPDX-License-Identifier: MIT */
/*
 * The kexec loader: from EL1/SVC, hand the machine at EL2/HYP to another
 * kernel through HVC_SOFT_RESTART, the way the ABI lets a kernel booted
 * at HYP restart into the next one.
 *
 * Two halves. The plan (lib/kexec/plan.c, arch-neutral, host-tested and
 * fuzzed) reads the image's header, checks it and the device tree, and
 * decides where everything goes; it changes nothing. The restart
 * (lib/kexec/kexec.c with arch/<arch>/kexec.S, at EL1/SVC only) checks
 * that every other CPU is off, writes the device tree to its place,
 * moves the image to its own, cleans the data cache to the point of
 * coherency and invalidates the instruction cache for all of it, turns
 * the EL1/SVC MMU and caches off and calls HVC_SOFT_RESTART. The next
 * kernel starts at EL2/HYP with its boot registers: arm64 x0 = device
 * tree, x1 = x2 = x3 = 0; arm r0 = 0, r1 = ~0, r2 = device tree (arm's
 * SOFT_RESTART moves no arguments: a three-instruction trampoline in the
 * loader's own image sets them).
 *
 * Kernels: an arm64 Linux `Image` (the magic "ARM\x64" at 0x38; run
 * where it lies, not copied, when its flags' bit 3 lets it run anywhere,
 * it lies text_offset bytes above a 2 MiB boundary and its image_size
 * bytes are in RAM clear of the loader, the stub and the initrd;
 * otherwise placed text_offset bytes above a 2 MiB-aligned base, as low
 * in RAM as bit 3 allows and the loader, the stub and the initrd leave
 * room for; image_size bytes are its); an arm `zImage` (magic 0x016f2818 at
 * 0x24, little-endian word 0x04030201 at 0x30; placed at the first free
 * 2 MiB boundary from 32 MiB into RAM, below 128 MiB, entered at its first
 * word in ARM state). hypstub's own shim image is both (it carries those
 * headers), which is how restarts chain: the shim restarted this way
 * sets EL2/HYP up again and starts its payload anew.
 *
 * The device tree goes on a 2 MiB boundary of its own (arm64, where it
 * must not share a 2 MiB block with the kernel) above the kernel, or at
 * 128 MiB into RAM or above the kernel (arm: out of the decompressor's
 * way), with room for the loader's edits: /chosen/bootargs when a command
 * line is given (and then the loader's own initrd properties go), the
 * initrd when one is given.
 */
#ifndef HYPSTUB_KEXEC_H
#define HYPSTUB_KEXEC_H

#include <stddef.h>
#include <stdint.h>

enum hs_kexec_kind {
	HS_KEXEC_ARM64_IMAGE = 1, /* arm64 Linux Image (or hypstub's arm64 shim) */
	HS_KEXEC_ARM_ZIMAGE = 2,  /* arm zImage (or hypstub's arm shim) */
};

/* The arm64 Image header (Linux's Documentation/arch/arm64/booting.rst), little-endian:
 * byte offsets of its fields, and its values. */
#define HS_ARM64_IMAGE_HDR_SIZE	     64
#define HS_ARM64_IMAGE_TEXT_OFFSET   0x08
#define HS_ARM64_IMAGE_SIZE	     0x10
#define HS_ARM64_IMAGE_FLAGS	     0x18
#define HS_ARM64_IMAGE_MAGIC_AT	     0x38
#define HS_ARM64_IMAGE_MAGIC	     0x644d5241u /* "ARM\x64" */
#define HS_ARM64_IMAGE_FLAG_BE	     (1ull << 0)
#define HS_ARM64_IMAGE_FLAG_ANYWHERE (1ull << 3) /* the 2 MiB base may be anywhere in RAM */
#define HS_ARM64_IMAGE_FLAGS_KNOWN   0xfull
/* The arm zImage header (Linux's arch/arm/boot/compressed/head.S): the same. */
#define HS_ZIMAGE_HDR_SIZE 0x34
#define HS_ZIMAGE_MAGIC_AT 0x24
#define HS_ZIMAGE_MAGIC	   0x016f2818u
#define HS_ZIMAGE_START	   0x28
#define HS_ZIMAGE_END	   0x2c
#define HS_ZIMAGE_ENDIAN   0x30
#define HS_ZIMAGE_LITTLE   0x04030201u
#define HS_ZIMAGE_BIG	   0x01020304u

#define HS_KEXEC_MAX_KEEP_OUT 8
/* The device tree: at most this big (arm64's boot protocol), with this much room added. */
#define HS_KEXEC_DTB_MAX   0x200000ull
#define HS_KEXEC_DTB_SLACK 0x1000ull
#define HS_KEXEC_SZ_2M	   0x200000ull
/* arm: the zImage goes at or above 32 MiB into RAM and starts below 128 MiB. */
#define HS_KEXEC_ZIMAGE_LOW  0x2000000ull
#define HS_KEXEC_ZIMAGE_HIGH 0x8000000ull

/* A physical range [start, end) that must be left alone. */
struct hs_kexec_range {
	uint64_t start, end;
	const char *what;
};

/*
 * Request flag HS_KEXEC_UNCACHED: the caller vouches that no data cache
 * holds a dirty line of the image or of the device tree's place. That is
 * so when the payload never turned its MMU on, as hypstub's payloads
 * never do: with the MMU off, EL1/SVC data accesses are Device
 * (arm: Strongly-ordered) memory, which no cache allocates, so every
 * write of the payload and of the loader (the copy, the device tree's
 * edits) went to memory; and when what the boot loader staged (the
 * image) was cleaned to the point of coherency before hypstub started,
 * as the arm64 and arm boot protocols ask of a kernel image (QEMU's
 * loader writes memory directly). The loader then skips the clean to
 * the point of coherency, which could only write back lines that cannot
 * exist; it still invalidates the instruction cache. Without the flag it
 * cleans every byte of the image and the device tree.
 */
#define HS_KEXEC_UNCACHED 0x1u

/* What the caller hands the loader. Addresses are physical (MMU off: the same). */
struct hs_kexec_request {
	enum hs_kexec_kind arch_kind; /* the only kind this machine runs */
	uint64_t image, image_size;   /* the kernel as it lies in RAM now */
	uint64_t dtb;		      /* its device tree (size from its header) */
	uint64_t dtb_limit;	      /* bytes readable at dtb (0: up to the end of RAM) */
	uint64_t initrd, initrd_size; /* 0, 0: none; left where it is */
	uint64_t load_addr;	      /* 0: where the boot protocol wants it; else there */
	uint64_t ram_start, ram_end;
	struct hs_kexec_range keep_out[HS_KEXEC_MAX_KEEP_OUT]; /* the loader, the stub */
	unsigned nkeep_out;
	unsigned flags; /* HS_KEXEC_UNCACHED or 0 */
};

/* What the loader will do: every address decided, every check passed. */
struct hs_kexec_plan {
	enum hs_kexec_kind kind;
	uint64_t src, size;	    /* the image now */
	uint64_t dst, span;	    /* where it goes, and the memory it claims there */
	uint64_t entry;		    /* its first instruction */
	uint64_t text_offset;	    /* arm64: from the 2 MiB-aligned base */
	uint64_t flags;		    /* arm64: the header's flags */
	uint64_t dtb_src, dtb_size; /* the device tree now (its totalsize) */
	uint64_t dtb_dst, dtb_room; /* where it goes, with room for the edits */
	uint64_t initrd, initrd_size;
	unsigned req_flags; /* the request's flags */
};

/*
 * Check the request and plan the restart. Returns NULL and fills `plan`,
 * or a message saying what is wrong (nothing is changed either way).
 * Reads the image's header and the device tree, nothing else.
 */
const char *hs_kexec_plan(const struct hs_kexec_request *req, struct hs_kexec_plan *plan);

/*
 * Write the smallest header of `kind` the plan accepts into hdr[0..63]
 * (zeroed first): an arm64 Image of image_size `size`, little-endian, 4
 * KiB pages, placeable anywhere, text_offset as given; or a
 * little-endian zImage of `size` bytes (text_offset ignored). For tests
 * and benchmarks that stage synthetic images.
 */
void hs_kexec_header_write(void *hdr, enum hs_kexec_kind kind, uint64_t text_offset, uint64_t size);

/* The kind of image at `hdr` (size bytes), 0 when neither magic is there. */
enum hs_kexec_kind hs_kexec_image_kind(const void *hdr, uint64_t size);

/*
 * EL1/SVC, with the hypstub payload runtime (lib/kexec/kexec.c).
 *
 * Fill a request for this machine: RAM from the device tree the payload
 * was given, the loader's own image (_start.._end) and the stub's
 * resident region (/hypstub reg) kept out. Returns NULL or an error.
 */
const char *hs_kexec_request_init(struct hs_kexec_request *req, const void *own_dtb);

/*
 * Restart into the planned kernel. Refuses (returns a message, having
 * restarted nothing) when HYP is not available or another CPU is still on
 * (PSCI AFFINITY_INFO: stop them first with CPU_OFF from each, e.g.
 * rt_smp_stop()). `cmdline`, when not NULL, becomes /chosen/bootargs (and
 * the loader's own initrd properties are dropped). Returns only on error.
 */
const char *hs_kexec_boot(const struct hs_kexec_plan *plan, const char *cmdline);

#endif
