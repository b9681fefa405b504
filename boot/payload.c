// SPDX-License-Identifier: MIT
/*
 * Placing the payload: an ELF executable goes where its program headers
 * say; a position-independent one (ET_DYN, which applies its own relative
 * relocations) goes there too when it can, else at the raw offset of this
 * machine's RAM, moved as a whole; anything else is a raw binary entered
 * at a fixed offset into RAM. Every
 * check runs before the first byte is copied, so a bad image changes
 * nothing.
 */
#include "payload.h"

#include <elf.h>
#include <hypstub/bulk.h>
#include <string.h>

#define HS_MAX_SEGMENTS 16

static int overlaps(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
	return a0 < b1 && b0 < a1;
}

static const char *check_range(uint64_t start, uint64_t end, const struct hs_load_limits *lim)
{
	if (end < start || start < lim->ram_start || end > lim->ram_end)
		return "payload: a segment lies outside RAM";
	for (unsigned i = 0; i < lim->nkeep_out; i++) {
		const struct hs_range *r = &lim->keep_out[i];

		if (overlaps(start, end, r->start, r->end))
			return r->what;
	}
	return NULL;
}

/* Image-relative view of one loadable segment. */
struct segment {
	uint64_t paddr, filesz, memsz, offset;
};

/* The ELF header fields the loader uses, whatever the class. */
struct elf_header {
	uint16_t type, machine, phentsize, phnum;
	uint64_t entry, phoff;
};

struct elf_phdr {
	uint32_t type;
	uint64_t offset, paddr, filesz, memsz;
};

static const char *elf_read_header(const void *img, size_t size, uint8_t cls, struct elf_header *h)
{
	const unsigned char *ident = img;

	if (size < (cls == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
		return "payload: ELF header truncated";
	if (ident[EI_DATA] != ELFDATA2LSB)
		return "payload: not a little-endian ELF file";
	if (ident[EI_CLASS] != cls)
		return cls == ELFCLASS64 ? "payload: not an ELF64 file (this is a 64-bit machine)"
					 : "payload: not an ELF32 file (this is a 32-bit machine)";
	if (cls == ELFCLASS64) {
		Elf64_Ehdr eh;

		memcpy(&eh, img, sizeof(eh));
		*h = (struct elf_header){eh.e_type,  eh.e_machine, eh.e_phentsize,
					 eh.e_phnum, eh.e_entry,   eh.e_phoff};
		if (eh.e_phentsize != sizeof(Elf64_Phdr))
			return "payload: ELF program headers truncated";
	} else {
		Elf32_Ehdr eh;

		memcpy(&eh, img, sizeof(eh));
		*h = (struct elf_header){eh.e_type,  eh.e_machine, eh.e_phentsize,
					 eh.e_phnum, eh.e_entry,   eh.e_phoff};
		if (eh.e_phentsize != sizeof(Elf32_Phdr))
			return "payload: ELF program headers truncated";
	}
	return NULL;
}

static void elf_read_phdr(const char *at, uint8_t cls, struct elf_phdr *ph)
{
	if (cls == ELFCLASS64) {
		Elf64_Phdr p;

		memcpy(&p, at, sizeof(p));
		*ph = (struct elf_phdr){p.p_type, p.p_offset, p.p_paddr, p.p_filesz, p.p_memsz};
	} else {
		Elf32_Phdr p;

		memcpy(&p, at, sizeof(p));
		*ph = (struct elf_phdr){p.p_type, p.p_offset, p.p_paddr, p.p_filesz, p.p_memsz};
	}
}

static const char *elf_segments(const void *img, size_t size, const struct hs_load_limits *lim,
				struct segment *seg, unsigned *nseg, uint64_t *entry, int *movable)
{
	struct elf_header eh;
	const char *err = elf_read_header(img, size, lim->elf_class, &eh);

	if (err)
		return err;
	if (eh.machine != lim->elf_machine)
		return "payload: ELF file for another architecture";
	if (eh.type != ET_EXEC && eh.type != ET_DYN)
		return "payload: ELF file is not an executable";
	*movable = eh.type == ET_DYN;
	if (eh.phoff > size || (uint64_t)eh.phnum * eh.phentsize > size - eh.phoff)
		return "payload: ELF program headers truncated";
	*nseg = 0;
	for (unsigned i = 0; i < eh.phnum; i++) {
		struct elf_phdr ph;

		elf_read_phdr((const char *)img + eh.phoff + (size_t)i * eh.phentsize,
			      lim->elf_class, &ph);
		if (ph.type != PT_LOAD || ph.memsz == 0)
			continue;
		if (*nseg == HS_MAX_SEGMENTS)
			return "payload: too many ELF segments";
		if (ph.filesz > ph.memsz || ph.offset > size || ph.filesz > size - ph.offset)
			return "payload: ELF segment extends past the file";
		if (ph.paddr + ph.memsz < ph.paddr)
			return "payload: ELF segment wraps around";
		seg[*nseg] = (struct segment){ph.paddr, ph.filesz, ph.memsz, ph.offset};
		(*nseg)++;
	}
	if (*nseg == 0)
		return "payload: ELF file has nothing to load";
	*entry = eh.entry;
	return NULL;
}

/* Where the segments would go wrong at their link addresses (NULL: nowhere). */
static const char *place_check(const void *img, size_t size, const struct hs_load_limits *lim,
			       const struct segment *seg, unsigned nseg, uint64_t bias)
{
	for (unsigned i = 0; i < nseg; i++) {
		uint64_t start = seg[i].paddr + bias, end = start + seg[i].memsz;
		const char *err = end < start ? "payload: ELF segment wraps around"
					      : check_range(start, end, lim);

		if (err)
			return err;
		if (overlaps(start, end, (uintptr_t)img, (uintptr_t)img + size))
			return "payload: a segment overlaps the image being loaded";
	}
	return NULL;
}

/*
 * A position-independent payload: at its link address when that is free
 * RAM, else moved as a whole so that its lowest segment starts at the raw
 * load address (4 KiB-aligned, as adrp needs).
 */
static const char *elf_move(const void *img, size_t size, const struct hs_load_limits *lim,
			    struct segment *seg, unsigned nseg, uint64_t *entry)
{
	uint64_t low = UINT64_MAX, bias;

	if (!place_check(img, size, lim, seg, nseg, 0))
		return NULL;
	for (unsigned i = 0; i < nseg; i++)
		if (seg[i].paddr < low)
			low = seg[i].paddr;
	if ((low | lim->raw_load_addr) & 0xfff)
		return "payload: a position-independent ELF file must start on a 4 KiB boundary";
	bias = lim->raw_load_addr - low; /* modulo 2^64: a move down is a wrap-around */
	if (place_check(img, size, lim, seg, nseg, bias))
		return NULL; /* the checks below say what is wrong at the link address */
	for (unsigned i = 0; i < nseg; i++)
		seg[i].paddr += bias;
	*entry += bias;
	return NULL;
}

const char *hs_payload_load(const void *img, size_t size, const struct hs_load_limits *lim,
			    struct hs_loaded *out)
{
	struct segment seg[HS_MAX_SEGMENTS];
	unsigned nseg = 1;
	const char *err;
	int entry_inside = 0, movable = 0;
	uint64_t entry_code;

	if (size == 0)
		return "payload: empty image";
	out->is_elf = size >= SELFMAG && !memcmp(img, ELFMAG, SELFMAG);
	if (out->is_elf) {
		err = elf_segments(img, size, lim, seg, &nseg, &out->entry, &movable);
		if (err)
			return err;
		if (movable)
			err = elf_move(img, size, lim, seg, nseg, &out->entry);
		if (err)
			return err;
	} else {
		seg[0] = (struct segment){lim->raw_load_addr, size, size, 0};
		out->entry = lim->raw_load_addr;
	}
	/* On arm, bit 0 of the entry selects Thumb state; the code is at entry - 1. */
	entry_code = lim->thumb_entry ? out->entry & ~1ull : out->entry;
	out->low = UINT64_MAX;
	out->high = 0;
	for (unsigned i = 0; i < nseg; i++) {
		uint64_t end = seg[i].paddr + seg[i].memsz;

		err = check_range(seg[i].paddr, end, lim);
		if (err)
			return err;
		if (overlaps(seg[i].paddr, end, (uintptr_t)img, (uintptr_t)img + size))
			return "payload: a segment overlaps the image being loaded";
		for (unsigned j = 0; j < i; j++)
			if (overlaps(seg[i].paddr, end, seg[j].paddr, seg[j].paddr + seg[j].memsz))
				return "payload: two ELF segments overlap";
		if (entry_code >= seg[i].paddr && entry_code < end)
			entry_inside = 1;
		if (seg[i].paddr < out->low)
			out->low = seg[i].paddr;
		if (end > out->high)
			out->high = end;
	}
	if (!entry_inside)
		return "payload: entry point is not inside a loaded segment";
	if (lim->thumb_entry && (out->entry & 1))
		; /* Thumb: any halfword */
	else if (out->entry & 3)
		return "payload: entry point is not 4-byte aligned";
	for (unsigned i = 0; i < nseg; i++) {
		char *dst = (char *)(uintptr_t)seg[i].paddr;

		hs_bulk_copy(dst, (const char *)img + seg[i].offset, seg[i].filesz);
		hs_bulk_zero(dst + seg[i].filesz, seg[i].memsz - seg[i].filesz);
	}
	return NULL;
}
