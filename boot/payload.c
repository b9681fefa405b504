// SPDX-License-Identifier: MIT
/*
 * Placing the payload: an ELF executable goes where its program headers
 * say, anything else is a raw binary entered at a fixed offset. Every
 * check runs before the first byte is copied, so a bad image changes
 * nothing.
 */
#include "payload.h"

#include <elf.h>
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

static const char *elf64_segments(const void *img, size_t size, uint16_t machine,
				  struct segment *seg, unsigned *nseg, uint64_t *entry)
{
	Elf64_Ehdr eh;

	if (size < sizeof(eh))
		return "payload: ELF header truncated";
	memcpy(&eh, img, sizeof(eh));
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return "payload: not a little-endian ELF64 file";
	if (eh.e_machine != machine)
		return "payload: ELF file for another architecture";
	if (eh.e_type != ET_EXEC)
		return "payload: ELF file is not an executable";
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phoff > size ||
	    (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > size - eh.e_phoff)
		return "payload: ELF program headers truncated";
	*nseg = 0;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;

		memcpy(&ph, (const char *)img + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (*nseg == HS_MAX_SEGMENTS)
			return "payload: too many ELF segments";
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > size ||
		    ph.p_filesz > size - ph.p_offset)
			return "payload: ELF segment extends past the file";
		if (ph.p_paddr + ph.p_memsz < ph.p_paddr)
			return "payload: ELF segment wraps around";
		seg[*nseg] = (struct segment){ph.p_paddr, ph.p_filesz, ph.p_memsz, ph.p_offset};
		(*nseg)++;
	}
	if (*nseg == 0)
		return "payload: ELF file has nothing to load";
	*entry = eh.e_entry;
	return NULL;
}

const char *hs_payload_load(const void *img, size_t size, const struct hs_load_limits *lim,
			    struct hs_loaded *out)
{
	struct segment seg[HS_MAX_SEGMENTS];
	unsigned nseg = 1;
	const char *err;
	int entry_inside = 0;

	if (size == 0)
		return "payload: empty image";
	out->is_elf = size >= SELFMAG && !memcmp(img, ELFMAG, SELFMAG);
	if (out->is_elf) {
		err = elf64_segments(img, size, lim->elf_machine, seg, &nseg, &out->entry);
		if (err)
			return err;
	} else {
		seg[0] = (struct segment){lim->raw_load_addr, size, size, 0};
		out->entry = lim->raw_load_addr;
	}
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
		if (out->entry >= seg[i].paddr && out->entry < end)
			entry_inside = 1;
		if (seg[i].paddr < out->low)
			out->low = seg[i].paddr;
		if (end > out->high)
			out->high = end;
	}
	if (!entry_inside)
		return "payload: entry point is not inside a loaded segment";
	if (out->entry & 3)
		return "payload: entry point is not 4-byte aligned";
	for (unsigned i = 0; i < nseg; i++) {
		char *dst = (char *)(uintptr_t)seg[i].paddr;

		memcpy(dst, (const char *)img + seg[i].offset, seg[i].filesz);
		memset(dst + seg[i].filesz, 0, seg[i].memsz - seg[i].filesz);
	}
	return NULL;
}
