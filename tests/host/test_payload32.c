// SPDX-License-Identifier: MIT
/*
 * boot/payload.c on a 32-bit machine (arm): ELF32 images, Thumb entry
 * points, and ELF64 images refused. "RAM" is a host buffer mapped below
 * 4 GiB (MAP_32BIT) so that its addresses fit an ELF32 program header.
 */
#include <elf.h>
#include <string.h>
#include <sys/mman.h>

#include "../../boot/payload.h"
#include "hosttest.h"

#define RAM_SIZE 0x40000ul
#define RAM_FILL 0xee
#define SEG_OFF	 0x8000ul /* where the test segment goes in RAM */
#define SEG_FILE 0x100ul
#define SEG_MEM	 0x180ul

static uint8_t *ram;
static uint64_t ram_pa;
static struct hs_load_limits lim;

static int setup(void **state)
{
	(void)state;
	ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
		   -1, 0);
	assert_true(ram != MAP_FAILED);
	memset(ram, RAM_FILL, RAM_SIZE);
	ram_pa = (uintptr_t)ram;
	assert_true(ram_pa + RAM_SIZE <= 0x100000000ull);
	lim = (struct hs_load_limits){
	    .ram_start = ram_pa,
	    .ram_end = ram_pa + RAM_SIZE,
	    .raw_load_addr = ram_pa + SEG_OFF,
	    .elf_machine = EM_ARM,
	    .elf_class = ELFCLASS32,
	    .thumb_entry = 1,
	};
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	munmap(ram, RAM_SIZE);
	return 0;
}

static void assert_ram_untouched(void)
{
	for (uint64_t i = 0; i < RAM_SIZE; i++)
		if (ram[i] != RAM_FILL)
			fail_msg("RAM +0x%llx changed to 0x%02x", (unsigned long long)i, ram[i]);
}

/* One loadable segment at RAM + SEG_OFF, file bytes 0..SEG_FILE-1, then bss. */
struct elf32 {
	struct {
		Elf32_Ehdr eh;
		Elf32_Phdr ph;
		uint8_t data[SEG_FILE];
	} img;
};

static struct elf32 make_elf32(uint32_t entry_off)
{
	struct elf32 e;
	uint32_t paddr = (uint32_t)(ram_pa + SEG_OFF);

	memset(&e, 0, sizeof(e));
	memcpy(e.img.eh.e_ident, ELFMAG, SELFMAG);
	e.img.eh.e_ident[EI_CLASS] = ELFCLASS32;
	e.img.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	e.img.eh.e_ident[EI_VERSION] = EV_CURRENT;
	e.img.eh.e_type = ET_EXEC;
	e.img.eh.e_machine = EM_ARM;
	e.img.eh.e_version = EV_CURRENT;
	e.img.eh.e_entry = paddr + entry_off;
	e.img.eh.e_phoff = offsetof(typeof(e.img), ph);
	e.img.eh.e_ehsize = sizeof(Elf32_Ehdr);
	e.img.eh.e_phentsize = sizeof(Elf32_Phdr);
	e.img.eh.e_phnum = 1;
	e.img.ph = (Elf32_Phdr){.p_type = PT_LOAD,
				.p_offset = offsetof(typeof(e.img), data),
				.p_vaddr = paddr,
				.p_paddr = paddr,
				.p_filesz = SEG_FILE,
				.p_memsz = SEG_MEM,
				.p_flags = PF_R | PF_X};
	for (unsigned i = 0; i < SEG_FILE; i++)
		e.img.data[i] = (uint8_t)(i * 3 + 1);
	return e;
}

static void expect_reject32(const void *img, size_t size, const char *keyword)
{
	struct hs_loaded out;
	const char *why = hs_payload_load(img, size, &lim, &out);

	assert_non_null(why);
	if (!strstr(why, keyword))
		fail_msg("refused with \"%s\", expected a message about \"%s\"", why, keyword);
	assert_ram_untouched();
}

static void test_elf32_loads(void **state)
{
	struct elf32 e = make_elf32(0);
	struct hs_loaded out;

	(void)state;
	assert_null(hs_payload_load(&e.img, sizeof(e.img), &lim, &out));
	assert_true(out.is_elf);
	assert_int_equal(out.entry, ram_pa + SEG_OFF);
	assert_int_equal(out.low, ram_pa + SEG_OFF);
	assert_int_equal(out.high, ram_pa + SEG_OFF + SEG_MEM);
	assert_memory_equal(ram + SEG_OFF, e.img.data, SEG_FILE);
	for (unsigned i = SEG_FILE; i < SEG_MEM; i++)
		assert_int_equal(ram[SEG_OFF + i], 0);
}

static void test_elf32_thumb_entry(void **state)
{
	struct elf32 e = make_elf32(0x41); /* Thumb code at +0x40 */
	struct hs_loaded out;

	(void)state;
	assert_null(hs_payload_load(&e.img, sizeof(e.img), &lim, &out));
	assert_int_equal(out.entry, ram_pa + SEG_OFF + 0x41);
}

static void test_elf32_arm_entry_misaligned(void **state)
{
	struct elf32 e = make_elf32(0x42); /* neither ARM (word) nor Thumb (odd) */

	(void)state;
	expect_reject32(&e.img, sizeof(e.img), "aligned");
}

static void test_odd_entry_without_thumb(void **state)
{
	struct elf32 e = make_elf32(0x41);

	(void)state;
	lim.thumb_entry = 0;
	expect_reject32(&e.img, sizeof(e.img), "aligned");
}

static void test_thumb_entry_outside_segment(void **state)
{
	struct elf32 e = make_elf32(SEG_MEM + 1);

	(void)state;
	expect_reject32(&e.img, sizeof(e.img), "entry point");
}

static void test_elf64_refused_on_32bit(void **state)
{
	struct elf32 e = make_elf32(0);

	(void)state;
	e.img.eh.e_ident[EI_CLASS] = ELFCLASS64;
	expect_reject32(&e.img, sizeof(e.img), "ELF32");
}

static void test_elf32_wrong_machine(void **state)
{
	struct elf32 e = make_elf32(0);

	(void)state;
	e.img.eh.e_machine = EM_AARCH64;
	expect_reject32(&e.img, sizeof(e.img), "architecture");
}

static void test_elf32_segment_past_file(void **state)
{
	struct elf32 e = make_elf32(0);

	(void)state;
	e.img.ph.p_filesz = SEG_FILE + 1;
	e.img.ph.p_memsz = SEG_MEM;
	expect_reject32(&e.img, sizeof(e.img), "past the file");
}

static void test_elf32_phentsize_wrong(void **state)
{
	struct elf32 e = make_elf32(0);

	(void)state;
	e.img.eh.e_phentsize = sizeof(Elf64_Phdr);
	expect_reject32(&e.img, sizeof(e.img), "program headers");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_elf32_loads),
	    T(test_elf32_thumb_entry),
	    T(test_elf32_arm_entry_misaligned),
	    T(test_odd_entry_without_thumb),
	    T(test_thumb_entry_outside_segment),
	    T(test_elf64_refused_on_32bit),
	    T(test_elf32_wrong_machine),
	    T(test_elf32_segment_past_file),
	    T(test_elf32_phentsize_wrong),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
