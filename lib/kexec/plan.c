// SPDX-License-Identifier: MIT
/*
 * The kexec loader's plan: read the image's header and the device tree,
 * check them, and decide where the kernel and its tree go. Nothing is
 * written here; every check comes before the restart changes anything.
 * Arch-neutral: the host tests and a fuzzer run it (tests/host,
 * tests/fuzz).
 */
#include <hypstub/kexec.h>
#include <libfdt.h>
#include <string.h>

#define KEXEC_PAGE	0x1000ull
#define KEXEC_DTB_ALIGN 8ull

static uint32_t rd32(const unsigned char *p, unsigned at)
{
	return (uint32_t)p[at] | (uint32_t)p[at + 1] << 8 | (uint32_t)p[at + 2] << 16 |
	       (uint32_t)p[at + 3] << 24;
}

static uint64_t rd64(const unsigned char *p, unsigned at)
{
	return rd32(p, at) | (uint64_t)rd32(p, at + 4) << 32;
}

static int overlaps(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
	return a0 < b1 && b0 < a1;
}

/* Round up to `align` (a power of two); 0 when that wraps. */
static uint64_t align_up(uint64_t x, uint64_t align)
{
	return x > UINT64_MAX - (align - 1) ? 0 : (x + align - 1) & ~(align - 1);
}

static void wr32(unsigned char *p, unsigned at, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p[at + i] = (unsigned char)(v >> (8 * i));
}

static void wr64(unsigned char *p, unsigned at, uint64_t v)
{
	wr32(p, at, (uint32_t)v);
	wr32(p, at + 4, (uint32_t)(v >> 32));
}

void hs_kexec_header_write(void *hdr, enum hs_kexec_kind kind, uint64_t text_offset, uint64_t size)
{
	unsigned char *p = hdr;

	memset(p, 0, HS_ARM64_IMAGE_HDR_SIZE);
	if (kind == HS_KEXEC_ARM64_IMAGE) {
		wr64(p, HS_ARM64_IMAGE_TEXT_OFFSET, text_offset);
		wr64(p, HS_ARM64_IMAGE_SIZE, size);
		/* Little-endian (bit 0 clear), 4 KiB pages (bits 1-2 = 1), anywhere (bit 3). */
		wr64(p, HS_ARM64_IMAGE_FLAGS, (1ull << 1) | HS_ARM64_IMAGE_FLAG_ANYWHERE);
		wr32(p, HS_ARM64_IMAGE_MAGIC_AT, HS_ARM64_IMAGE_MAGIC);
	} else {
		wr32(p, HS_ZIMAGE_MAGIC_AT, HS_ZIMAGE_MAGIC);
		wr32(p, HS_ZIMAGE_START, 0);
		wr32(p, HS_ZIMAGE_END, (uint32_t)size);
		wr32(p, HS_ZIMAGE_ENDIAN, HS_ZIMAGE_LITTLE);
	}
}

enum hs_kexec_kind hs_kexec_image_kind(const void *hdr, uint64_t size)
{
	const unsigned char *p = hdr;

	if (size >= HS_ARM64_IMAGE_HDR_SIZE &&
	    rd32(p, HS_ARM64_IMAGE_MAGIC_AT) == HS_ARM64_IMAGE_MAGIC)
		return HS_KEXEC_ARM64_IMAGE;
	if (size >= HS_ZIMAGE_HDR_SIZE && rd32(p, HS_ZIMAGE_MAGIC_AT) == HS_ZIMAGE_MAGIC)
		return HS_KEXEC_ARM_ZIMAGE;
	return 0;
}

/* The ranges a destination must avoid, in one list. */
struct avoid {
	struct hs_kexec_range r[HS_KEXEC_MAX_KEEP_OUT + 3];
	unsigned n;
};

static void avoid_add(struct avoid *a, uint64_t start, uint64_t end, const char *what)
{
	if (end > start && a->n < sizeof(a->r) / sizeof(a->r[0]))
		a->r[a->n++] = (struct hs_kexec_range){start, end, what};
}

/* The range `dst`..+`len` collides with: NULL when it is free. */
static const struct hs_kexec_range *collides(const struct avoid *a, uint64_t dst, uint64_t len)
{
	for (unsigned i = 0; i < a->n; i++)
		if (overlaps(dst, dst + len, a->r[i].start, a->r[i].end))
			return &a->r[i];
	return NULL;
}

/*
 * The lowest address from `from` on, `align`ed, where `len` bytes fit in
 * RAM and collide with nothing in `a`, below `below` (exclusive start);
 * 0 when there is none.
 */
static uint64_t find_free(const struct avoid *a, uint64_t from, uint64_t align, uint64_t len,
			  uint64_t ram_end, uint64_t below)
{
	uint64_t at = align_up(from, align);

	while (at && at < below && len <= ram_end && at <= ram_end - len) {
		const struct hs_kexec_range *r = collides(a, at, len);

		if (!r)
			return at;
		at = align_up(r->end, align);
	}
	return 0;
}

static const char *in_ram(const struct hs_kexec_request *req, uint64_t start, uint64_t len)
{
	if (start < req->ram_start || start > req->ram_end || len > req->ram_end - start)
		return "outside";
	return NULL;
}

static const char *plan_arm64(const struct hs_kexec_request *req, const unsigned char *h,
			      struct hs_kexec_plan *p, struct avoid *a)
{
	uint64_t base;

	p->text_offset = rd64(h, HS_ARM64_IMAGE_TEXT_OFFSET);
	p->span = rd64(h, HS_ARM64_IMAGE_SIZE);
	p->flags = rd64(h, HS_ARM64_IMAGE_FLAGS);
	if (p->flags & HS_ARM64_IMAGE_FLAG_BE)
		return "kexec: the Image is a big-endian kernel (flags bit 0); this CPU runs "
		       "little-endian";
	if (p->flags & ~HS_ARM64_IMAGE_FLAGS_KNOWN)
		return "kexec: the Image's flags have bits this loader does not know";
	if (p->span == 0)
		return "kexec: the Image says image_size 0 (a kernel older than 3.17): how much "
		       "memory it needs is unknown";
	if (p->span < p->size)
		return "kexec: the Image's image_size is smaller than the file";
	if (p->text_offset % KEXEC_PAGE || p->text_offset >= HS_KEXEC_SZ_2M * 512)
		return "kexec: the Image's text_offset is not 4 KiB aligned or is too large";
	if (p->span > UINT64_MAX - HS_KEXEC_SZ_2M * 1024)
		return "kexec: the Image does not fit in RAM (image_size)";
	if (req->load_addr) {
		if ((req->load_addr - p->text_offset) % HS_KEXEC_SZ_2M)
			return "kexec: the load address is not text_offset above a 2 MiB boundary";
		p->dst = req->load_addr;
	} else if (p->flags & HS_ARM64_IMAGE_FLAG_ANYWHERE) {
		/* Where it lies already, when that is a place it may run: no copy. */
		base = p->src - p->text_offset;
		if (p->src >= p->text_offset && base % HS_KEXEC_SZ_2M == 0 &&
		    !in_ram(req, base, p->text_offset + p->span) &&
		    !collides(a, base, p->text_offset + p->span)) {
			p->dst = p->src;
			p->entry = p->dst;
			return NULL;
		}
		base = find_free(a, req->ram_start, HS_KEXEC_SZ_2M, p->text_offset + p->span,
				 req->ram_end, UINT64_MAX);
		if (!base)
			return "kexec: the Image does not fit in RAM beside the loader, the stub "
			       "and the initrd";
		p->dst = base + p->text_offset;
	} else {
		/* Bit 3 clear: the base as close to the start of RAM as it can be. */
		p->dst = align_up(req->ram_start, HS_KEXEC_SZ_2M) + p->text_offset;
	}
	p->entry = p->dst;
	return NULL;
}

static const char *plan_zimage(const struct hs_kexec_request *req, const unsigned char *h,
			       struct hs_kexec_plan *p, const struct avoid *a)
{
	uint32_t start = rd32(h, HS_ZIMAGE_START), end = rd32(h, HS_ZIMAGE_END);
	uint32_t endian = rd32(h, HS_ZIMAGE_ENDIAN);

	if (endian == HS_ZIMAGE_BIG)
		return "kexec: the zImage is a big-endian kernel; this CPU runs little-endian";
	if (endian != HS_ZIMAGE_LITTLE)
		return "kexec: the zImage has no endianness word (0x04030201 at 0x30)";
	if (end <= start)
		return "kexec: the zImage's end is not above its start";
	p->span = end - start;
	if (p->span < p->size)
		return "kexec: the zImage's end - start is smaller than the file";
	if (req->load_addr) {
		p->dst = req->load_addr;
	} else {
		p->dst = find_free(a, req->ram_start + HS_KEXEC_ZIMAGE_LOW, HS_KEXEC_SZ_2M, p->span,
				   req->ram_end, req->ram_start + HS_KEXEC_ZIMAGE_HIGH);
		if (!p->dst)
			return "kexec: the zImage does not fit in RAM between 32 and 128 MiB "
			       "beside "
			       "the loader, the stub and the initrd";
	}
	if (p->dst % 4)
		return "kexec: the load address is not 4-byte aligned";
	p->entry = p->dst;
	return NULL;
}

static const char *plan_dtb(const struct hs_kexec_request *req, struct hs_kexec_plan *p,
			    struct avoid *a)
{
	const void *fdt = (const void *)(uintptr_t)req->dtb;
	uint64_t limit = req->dtb_limit;
	uint64_t from, align;
	int err;

	if (!req->dtb || in_ram(req, req->dtb, sizeof(struct fdt_header)))
		return "kexec: the device tree does not lie in RAM";
	if (!limit || limit > req->ram_end - req->dtb)
		limit = req->ram_end - req->dtb;
	if (limit < sizeof(struct fdt_header))
		return "kexec: the device tree does not fit in RAM";
	err = fdt_check_header(fdt);
	if (err)
		return "kexec: the device tree is rejected by libfdt (its header)";
	p->dtb_src = req->dtb;
	p->dtb_size = fdt_totalsize(fdt);
	if (p->dtb_size > limit)
		return "kexec: the device tree does not fit in RAM (its totalsize)";
	if (p->dtb_size > HS_KEXEC_DTB_MAX - HS_KEXEC_DTB_SLACK)
		return "kexec: the device tree is larger than 2 MiB";
	err = fdt_check_full(fdt, (size_t)p->dtb_size);
	if (err)
		return "kexec: the device tree is rejected by libfdt (fdt_check_full)";
	p->dtb_room = align_up(p->dtb_size + HS_KEXEC_DTB_SLACK, KEXEC_DTB_ALIGN);
	/* It is written before the image moves: away from where the image is now, too. */
	avoid_add(a, p->src, p->src + p->size, "the image as it lies now");
	avoid_add(a, p->dst, p->dst + p->span, "the kernel");
	if (p->kind == HS_KEXEC_ARM64_IMAGE) {
		from = p->dst + p->span;
		align = HS_KEXEC_SZ_2M;
	} else {
		from = p->dst + p->span;
		if (from < req->ram_start + HS_KEXEC_ZIMAGE_HIGH)
			from = req->ram_start + HS_KEXEC_ZIMAGE_HIGH;
		align = HS_KEXEC_SZ_2M;
	}
	p->dtb_dst = find_free(a, from, align, p->dtb_room, req->ram_end, UINT64_MAX);
	if (!p->dtb_dst)
		p->dtb_dst =
		    find_free(a, req->ram_start, align, p->dtb_room, req->ram_end, UINT64_MAX);
	if (!p->dtb_dst)
		return "kexec: the device tree does not fit in RAM beside the kernel";
	return NULL;
}

const char *hs_kexec_plan(const struct hs_kexec_request *req, struct hs_kexec_plan *p)
{
	const unsigned char *h = (const unsigned char *)(uintptr_t)req->image;
	struct avoid a = {.n = 0};
	const struct hs_kexec_range *r;
	const char *err;

	memset(p, 0, sizeof(*p));
	if (req->ram_end <= req->ram_start)
		return "kexec: no RAM";
	if (!req->image || !req->image_size)
		return "kexec: no image";
	if (in_ram(req, req->image, req->image_size))
		return "kexec: the image does not fit in RAM (it runs past the end of RAM)";
	p->src = req->image;
	p->size = req->image_size;
	p->req_flags = req->flags;
	p->kind = hs_kexec_image_kind(h, req->image_size);
	if (!p->kind)
		return "kexec: not a kernel image: no arm64 Image magic (\"ARM\\x64\" at 0x38) "
		       "and no zImage magic (0x016f2818 at 0x24)";
	if (p->kind != req->arch_kind)
		return p->kind == HS_KEXEC_ARM64_IMAGE
			   ? "kexec: an arm64 Image cannot run on this 32-bit machine"
			   : "kexec: an arm zImage cannot run on this 64-bit machine";
	if (p->src % 16)
		return "kexec: the image is not 16-byte aligned in RAM";
	for (unsigned i = 0; i < req->nkeep_out && i < HS_KEXEC_MAX_KEEP_OUT; i++)
		avoid_add(&a, req->keep_out[i].start, req->keep_out[i].end, req->keep_out[i].what);
	if (req->initrd_size) {
		if (in_ram(req, req->initrd, req->initrd_size))
			return "kexec: the initrd does not lie in RAM";
		avoid_add(&a, req->initrd, req->initrd + req->initrd_size,
			  "kexec: the kernel's place overlaps the initrd");
		p->initrd = req->initrd;
		p->initrd_size = req->initrd_size;
	}
	err = p->kind == HS_KEXEC_ARM64_IMAGE ? plan_arm64(req, h, p, &a)
					      : plan_zimage(req, h, p, &a);
	if (err)
		return err;
	if (in_ram(req, p->dst, p->span))
		return "kexec: the kernel's place does not fit in RAM";
	r = collides(&a, p->dst, p->span);
	if (r)
		return r->what;
	return plan_dtb(req, p, &a);
}
