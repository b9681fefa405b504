// SPDX-License-Identifier: MIT
/*
 * boot/payload.c: placing an ELF or raw payload. "RAM" is an aligned
 * host buffer (physical address = pointer); images are built here. Every
 * rejection must leave RAM exactly as it was.
 */
#include <elf.h>
#include <string.h>

#include "../../boot/payload.h"
#include "hosttest.h"

#define RAM_SIZE	  0x100000ul
#define RAM_FILL	  0xee
#define KEEP_SHIM_OFF	  0xc0000ul /* [+0xc0000, +0xd0000): "the shim" */
#define KEEP_RESIDENT_OFF 0xe0000ul /* [+0xe0000, +0x100000): "resident region" */

static const char why_shim[] = "payload: a segment overlaps the shim";
static const char why_resident[] = "payload: a segment overlaps hypstub's resident region";

static uint8_t *ram;
static uint64_t ram_pa;
static struct hs_range keep_out[2];
static struct hs_load_limits lim;

static int setup(void **state)
{
	(void)state;
	ram = aligned_alloc(0x10000, RAM_SIZE);
	assert_non_null(ram);
	memset(ram, RAM_FILL, RAM_SIZE);
	ram_pa = (uintptr_t)ram;
	keep_out[0] =
	    (struct hs_range){ram_pa + KEEP_SHIM_OFF, ram_pa + KEEP_SHIM_OFF + 0x10000, why_shim};
	keep_out[1] =
	    (struct hs_range){ram_pa + KEEP_RESIDENT_OFF, ram_pa + RAM_SIZE, why_resident};
	lim = (struct hs_load_limits){
	    .ram_start = ram_pa,
	    .ram_end = ram_pa + RAM_SIZE,
	    .keep_out = keep_out,
	    .nkeep_out = 2,
	    .raw_load_addr = ram_pa + 0x8000,
	    .elf_machine = EM_AARCH64,
	    .elf_class = ELFCLASS64,
	};
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(ram);
	return 0;
}

/* RAM outside [from, to) still holds the fill pattern. */
static void assert_ram_untouched_outside(uint64_t from, uint64_t to)
{
	for (uint64_t i = 0; i < RAM_SIZE; i++)
		if ((ram_pa + i < from || ram_pa + i >= to) && ram[i] != RAM_FILL)
			fail_msg("RAM +0x%llx changed to 0x%02x", (unsigned long long)i, ram[i]);
}

static void assert_ram_untouched(void)
{
	assert_ram_untouched_outside(0, 0);
}

/* ---- ELF images ---- */

struct seg {
	uint32_t type;
	uint64_t paddr, filesz, memsz;
};

struct elf {
	uint8_t *buf;
	size_t size;
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
};

/* Byte j of segment i's file data. */
static uint8_t seg_byte(unsigned i, uint64_t j)
{
	return (uint8_t)(0x11 * (i + 1) + j * 7);
}

static struct elf make_elf(uint64_t entry, const struct seg *segs, unsigned n)
{
	struct elf e;
	size_t off = sizeof(Elf64_Ehdr) + n * sizeof(Elf64_Phdr), total = off;

	for (unsigned i = 0; i < n; i++)
		total += segs[i].filesz;
	e.size = total;
	e.buf = calloc(1, total);
	assert_non_null(e.buf);
	e.eh = (Elf64_Ehdr *)e.buf;
	e.ph = (Elf64_Phdr *)(e.buf + sizeof(Elf64_Ehdr));
	memcpy(e.eh->e_ident, ELFMAG, SELFMAG);
	e.eh->e_ident[EI_CLASS] = ELFCLASS64;
	e.eh->e_ident[EI_DATA] = ELFDATA2LSB;
	e.eh->e_ident[EI_VERSION] = EV_CURRENT;
	e.eh->e_type = ET_EXEC;
	e.eh->e_machine = EM_AARCH64;
	e.eh->e_version = EV_CURRENT;
	e.eh->e_entry = entry;
	e.eh->e_phoff = sizeof(Elf64_Ehdr);
	e.eh->e_ehsize = sizeof(Elf64_Ehdr);
	e.eh->e_phentsize = sizeof(Elf64_Phdr);
	e.eh->e_phnum = (uint16_t)n;
	for (unsigned i = 0; i < n; i++) {
		e.ph[i] = (Elf64_Phdr){
		    .p_type = segs[i].type,
		    .p_flags = PF_R | PF_X,
		    .p_offset = off,
		    .p_vaddr = segs[i].paddr,
		    .p_paddr = segs[i].paddr,
		    .p_filesz = segs[i].filesz,
		    .p_memsz = segs[i].memsz,
		    .p_align = 0x1000,
		};
		for (uint64_t j = 0; j < segs[i].filesz; j++)
			e.buf[off + j] = seg_byte(i, j);
		off += segs[i].filesz;
	}
	return e;
}

/* The usual good image: text, then data + bss; a note and an empty PT_LOAD. */
#define TEXT_OFF 0x10000ul
#define DATA_OFF 0x20000ul
static struct elf good_elf(void)
{
	const struct seg segs[] = {
	    {PT_LOAD, ram_pa + TEXT_OFF, 0x300, 0x300},
	    {PT_NOTE, 0x1234, 0x10, 0x10},
	    {PT_LOAD, ram_pa + DATA_OFF, 0x100, 0x2000},
	    {PT_LOAD, ram_pa + 0x90000, 0, 0}, /* memsz 0: nothing to place */
	};

	return make_elf(ram_pa + TEXT_OFF + 0x40, segs, 4);
}

static void test_elf_loads(void **state)
{
	struct elf e = good_elf();
	struct hs_loaded out;

	(void)state;
	/* bss must be zeroed, whatever RAM held. */
	assert_null(hs_payload_load(e.buf, e.size, &lim, &out));
	assert_int_equal(out.is_elf, 1);
	assert_int_equal(out.entry, ram_pa + TEXT_OFF + 0x40);
	assert_int_equal(out.low, ram_pa + TEXT_OFF);
	assert_int_equal(out.high, ram_pa + DATA_OFF + 0x2000);
	for (uint64_t j = 0; j < 0x300; j++)
		assert_int_equal(ram[TEXT_OFF + j], seg_byte(0, j));
	for (uint64_t j = 0; j < 0x100; j++)
		assert_int_equal(ram[DATA_OFF + j], seg_byte(2, j));
	for (uint64_t j = 0x100; j < 0x2000; j++)
		if (ram[DATA_OFF + j] != 0)
			fail_msg("bss byte +0x%llx is 0x%02x", (unsigned long long)j,
				 ram[DATA_OFF + j]);
	/* Nothing else: not the note, not the empty segment, not past the bss. */
	for (uint64_t i = 0; i < RAM_SIZE; i++) {
		bool text = i >= TEXT_OFF && i < TEXT_OFF + 0x300;
		bool data = i >= DATA_OFF && i < DATA_OFF + 0x2000;

		if (!text && !data && ram[i] != RAM_FILL)
			fail_msg("RAM +0x%llx written", (unsigned long long)i);
	}
	free(e.buf);
}

/* Right up to the end of RAM and to the start of a keep-out range: allowed. */
static void test_elf_boundaries(void **state)
{
	const struct seg segs[] = {
	    {PT_LOAD, ram_pa + KEEP_SHIM_OFF - 0x100, 0x100, 0x100},
	    {PT_LOAD, ram_pa + KEEP_SHIM_OFF + 0x10000, 0x10, 0x10},
	    {PT_LOAD, ram_pa, 4, 4},
	};
	struct elf e = make_elf(ram_pa, segs, 3);
	struct hs_loaded out;

	(void)state;
	lim.nkeep_out = 1; /* only the shim: the segment ends at the end of RAM... */
	e.ph[1].p_paddr = ram_pa + RAM_SIZE - 0x10;
	assert_null(hs_payload_load(e.buf, e.size, &lim, &out));
	assert_int_equal(out.low, ram_pa);
	assert_int_equal(out.high, ram_pa + RAM_SIZE);
	assert_int_equal(ram[KEEP_SHIM_OFF], RAM_FILL);
	assert_int_equal(ram[KEEP_SHIM_OFF - 1], seg_byte(0, 0xff));
	free(e.buf);
}

static void test_raw_loads(void **state)
{
	size_t size = 0x1234;
	uint8_t *img = malloc(size);
	struct hs_loaded out;

	(void)state;
	for (size_t i = 0; i < size; i++)
		img[i] = (uint8_t)(i * 13 + 5);
	img[0] = 0x7f; /* ELF-ish, but not the magic */
	img[1] = 'E';
	assert_null(hs_payload_load(img, size, &lim, &out));
	assert_int_equal(out.is_elf, 0);
	assert_int_equal(out.entry, lim.raw_load_addr);
	assert_int_equal(out.low, lim.raw_load_addr);
	assert_int_equal(out.high, lim.raw_load_addr + size);
	assert_memory_equal(ram + 0x8000, img, size);
	assert_ram_untouched_outside(lim.raw_load_addr, lim.raw_load_addr + size);
	/* Three bytes: shorter than the ELF magic, still a raw binary. */
	assert_null(hs_payload_load("\x7f"
				    "EL",
				    3, &lim, &out));
	assert_int_equal(out.is_elf, 0);
	assert_memory_equal(ram + 0x8000,
			    "\x7f"
			    "EL",
			    3);
	free(img);
}

/* ---- Rejections ---- */

static void expect_reject(const void *img, size_t size, const char *keyword)
{
	struct hs_loaded out;
	const char *why = hs_payload_load(img, size, &lim, &out);

	if (!why)
		fail_msg("accepted, expected a rejection (%s)", keyword);
	if (!strstr(why, keyword))
		fail_msg("rejected with \"%s\", expected one about \"%s\"", why, keyword);
	assert_ram_untouched();
}

static void reject_elf(struct elf e, const char *keyword)
{
	expect_reject(e.buf, e.size, keyword);
	free(e.buf);
}

/* A position-independent payload (ET_DYN) linked where this RAM is not: moved as a whole. */
static void test_pie_moves(void **state)
{
	const uint64_t link = 0x40800000;
	const struct seg segs[] = {
	    {PT_LOAD, link, 0x300, 0x300},
	    {PT_LOAD, link + 0x10000, 0x100, 0x2000},
	};
	struct elf e = make_elf(link + 0x40, segs, 2);
	struct hs_loaded out;

	(void)state;
	/* Linked there, as an ET_EXEC: refused, nothing written. */
	reject_elf(e, "outside RAM");
	e = make_elf(link + 0x40, segs, 2);
	e.eh->e_type = ET_DYN;
	assert_null(hs_payload_load(e.buf, e.size, &lim, &out));
	assert_int_equal(out.low, lim.raw_load_addr);
	assert_int_equal(out.entry, lim.raw_load_addr + 0x40);
	assert_int_equal(out.high, lim.raw_load_addr + 0x12000);
	assert_int_equal(ram[0x8000], seg_byte(0, 0));
	assert_int_equal(ram[0x8000 + 0x10000], seg_byte(1, 0));
	free(e.buf);
	/* Where its link address is free RAM, it stays there. */
	e = good_elf();
	e.eh->e_type = ET_DYN;
	assert_null(hs_payload_load(e.buf, e.size, &lim, &out));
	assert_int_equal(out.entry, ram_pa + TEXT_OFF + 0x40);
	free(e.buf);
}

static void test_reject_header(void **state)
{
	struct elf e;

	(void)state;
	e = good_elf();
	e.eh->e_ident[EI_CLASS] = ELFCLASS32;
	reject_elf(e, "ELF64");
	e = good_elf();
	e.eh->e_ident[EI_DATA] = ELFDATA2MSB;
	reject_elf(e, "little-endian");
	e = good_elf();
	e.eh->e_machine = EM_X86_64;
	reject_elf(e, "architecture");
	e = good_elf();
	e.eh->e_machine = EM_ARM;
	reject_elf(e, "architecture");
	e = good_elf();
	e.eh->e_type = ET_CORE;
	reject_elf(e, "executable");
	e = good_elf();
	e.eh->e_type = ET_REL;
	reject_elf(e, "executable");
	/* Only the start of the header. */
	e = good_elf();
	expect_reject(e.buf, sizeof(Elf64_Ehdr) - 1, "truncated");
	expect_reject(e.buf, SELFMAG, "truncated");
	free(e.buf);
}

static void test_reject_phdrs(void **state)
{
	struct elf e;

	(void)state;
	/* The file ends inside the program header table. */
	e = good_elf();
	expect_reject(e.buf, sizeof(Elf64_Ehdr) + 2 * sizeof(Elf64_Phdr) + 8, "program headers");
	free(e.buf);
	e = good_elf();
	e.eh->e_phnum = 0xffff;
	reject_elf(e, "program headers");
	e = good_elf();
	e.eh->e_phoff = e.size + 1;
	reject_elf(e, "program headers");
	e = good_elf();
	e.eh->e_phoff = ~0ull - 8; /* would wrap */
	reject_elf(e, "program headers");
	e = good_elf();
	e.eh->e_phentsize = sizeof(Elf64_Phdr) - 8;
	reject_elf(e, "program headers");
}

static void test_reject_segment_file(void **state)
{
	struct elf e;

	(void)state;
	e = good_elf();
	e.ph[2].p_filesz += 1; /* one byte past the end of the file */
	e.ph[2].p_memsz = e.ph[2].p_filesz;
	reject_elf(e, "past the file");
	e = good_elf();
	e.ph[0].p_offset = e.size + 0x100;
	reject_elf(e, "past the file");
	e = good_elf();
	e.ph[0].p_offset = ~0ull - 0x10; /* offset + filesz wraps */
	reject_elf(e, "past the file");
	e = good_elf();
	e.ph[2].p_memsz = e.ph[2].p_filesz - 1; /* filesz > memsz */
	reject_elf(e, "past the file");
}

static void test_reject_outside_ram(void **state)
{
	struct elf e;

	(void)state;
	e = good_elf();
	e.ph[0].p_paddr = ram_pa - 0x100; /* starts below RAM */
	e.eh->e_entry = e.ph[0].p_paddr;
	reject_elf(e, "outside RAM");
	e = good_elf();
	e.ph[2].p_paddr = ram_pa + RAM_SIZE - 0x1000; /* bss runs past the end */
	lim.nkeep_out = 0;
	reject_elf(e, "outside RAM");
	e = good_elf();
	e.ph[2].p_paddr = ~0ull - 0x80; /* paddr + memsz wraps */
	e.ph[2].p_memsz = 0x100;
	e.ph[2].p_filesz = 0x100;
	{
		struct hs_loaded out;
		const char *why = hs_payload_load(e.buf, e.size, &lim, &out);

		assert_non_null(why);
		assert_ram_untouched();
		free(e.buf);
	}
	/* Raw binary running past the end of RAM. */
	lim.raw_load_addr = ram_pa + RAM_SIZE - 0x10;
	lim.nkeep_out = 0;
	{
		uint8_t img[0x20] = {1, 2, 3};

		expect_reject(img, sizeof(img), "outside RAM");
	}
}

static void test_reject_keep_out(void **state)
{
	struct elf e;
	struct hs_loaded out;

	(void)state;
	/* One byte into the shim: the message is that range's own. */
	e = good_elf();
	e.ph[2].p_paddr = ram_pa + KEEP_SHIM_OFF - 0x1fff;
	assert_ptr_equal(hs_payload_load(e.buf, e.size, &lim, &out), why_shim);
	assert_ram_untouched();
	/* The bss alone reaching into the resident region. */
	e.ph[2].p_paddr = ram_pa + KEEP_RESIDENT_OFF - 0x1000;
	assert_ptr_equal(hs_payload_load(e.buf, e.size, &lim, &out), why_resident);
	assert_ram_untouched();
	/* A segment covering a keep-out range entirely. */
	e.ph[2].p_paddr = ram_pa + KEEP_SHIM_OFF - 0x100;
	e.ph[2].p_memsz = 0x20000;
	assert_ptr_equal(hs_payload_load(e.buf, e.size, &lim, &out), why_shim);
	assert_ram_untouched();
	free(e.buf);
	/* A raw binary too. */
	lim.raw_load_addr = ram_pa + KEEP_RESIDENT_OFF - 0x10;
	assert_ptr_equal(hs_payload_load("0123456789abcdef0123", 20, &lim, &out), why_resident);
	assert_ram_untouched();
}

/* The image already sits in RAM: a segment over it would overwrite its own source. */
static void test_reject_overlap_image(void **state)
{
	struct elf e = good_elf();
	struct hs_loaded out;
	uint8_t *copy = ram + 0x40000;
	const char *why;

	(void)state;
	e.ph[2].p_paddr = ram_pa + 0x40000 + 0x80;
	memcpy(copy, e.buf, e.size);
	why = hs_payload_load(copy, e.size, &lim, &out);
	assert_non_null(why);
	assert_non_null(strstr(why, "image"));
	assert_memory_equal(copy, e.buf, e.size);
	memset(copy, RAM_FILL, e.size);
	assert_ram_untouched();
	free(e.buf);
}

static void test_reject_overlapping_segments(void **state)
{
	struct elf e = good_elf();

	(void)state;
	/* The data segment's bss would run over the text. */
	e.ph[2].p_paddr = ram_pa + TEXT_OFF - 0x1000;
	reject_elf(e, "overlap");
}

static void test_reject_entry(void **state)
{
	struct elf e;

	(void)state;
	e = good_elf();
	e.eh->e_entry = ram_pa + TEXT_OFF + 0x300; /* just past the text */
	reject_elf(e, "entry");
	e = good_elf();
	e.eh->e_entry = ram_pa + 0x50000; /* between segments */
	reject_elf(e, "entry");
	e = good_elf();
	e.eh->e_entry = 0x1234; /* the note's address: not loaded */
	reject_elf(e, "entry");
	e = good_elf();
	e.eh->e_entry = ram_pa + TEXT_OFF + 0x42;
	reject_elf(e, "aligned");
	e = good_elf();
	e.eh->e_entry = ram_pa + TEXT_OFF + 1;
	reject_elf(e, "aligned");
	/* A raw binary entered at a misaligned load address. */
	lim.raw_load_addr = ram_pa + 0x8002;
	expect_reject("abcdefgh", 8, "aligned");
}

static void test_reject_empty(void **state)
{
	struct elf e;
	const struct seg notes[] = {
	    {PT_NOTE, ram_pa + TEXT_OFF, 0x10, 0x10},
	    {PT_LOAD, ram_pa + TEXT_OFF, 0, 0},
	};
	struct seg many[17];

	(void)state;
	expect_reject("", 0, "empty");
	expect_reject(ram, 0, "empty");
	e = make_elf(ram_pa + TEXT_OFF, notes, 2);
	reject_elf(e, "nothing to load");
	e = make_elf(ram_pa + TEXT_OFF, notes, 0);
	reject_elf(e, "nothing to load");
	/* More PT_LOADs than the loader keeps. */
	for (unsigned i = 0; i < 17; i++)
		many[i] = (struct seg){PT_LOAD, ram_pa + TEXT_OFF + i * 0x100, 0x10, 0x10};
	e = make_elf(ram_pa + TEXT_OFF, many, 17);
	reject_elf(e, "too many");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_elf_loads),
	    T(test_elf_boundaries),
	    T(test_raw_loads),
	    T(test_reject_header),
	    T(test_pie_moves),
	    T(test_reject_phdrs),
	    T(test_reject_segment_file),
	    T(test_reject_outside_ram),
	    T(test_reject_keep_out),
	    T(test_reject_overlap_image),
	    T(test_reject_overlapping_segments),
	    T(test_reject_entry),
	    T(test_reject_empty),
	};
#undef T

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("payload", tests, NULL, NULL);
}
