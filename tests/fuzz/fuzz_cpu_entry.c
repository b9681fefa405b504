// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the resident CPU entry (cpu/cpu_entry.c) on the fake
 * CPU. A payload chooses what PSCI CPU_ON hands it: the context_id (here
 * a start record somewhere in a buffer, or an arbitrary address) and the
 * record's entry point; QEMU or firmware chooses the level. Every run
 * checks the contract of include/hypstub/cpus.h: hs_cpu_enter() either
 * returns the record's entry (only when the record is aligned, inside RAM (here
 * the records buffer), and its entry one the stub would accept) with
 * its row RUNNING, or returns 0 (cpu_entry.S then powers the CPU off),
 * its row PARKED (no record) or REFUSED; at EL2 VBAR_EL2 is the stub's either way, at EL1 no EL2
 * register is touched.
 *
 * Input layout (little-endian, missing bytes are 0): level (1 byte: 1 or
 * 2 by its low bit), flags (1: bit 0 = no record, bit 1 = raw context_id,
 * bit 2 = HYP disabled), context_id or record offset (8), entry (8),
 * PARange (1).
 */
#include <hypstub/cpus.h>
#include <string.h>

#include "../../cpu/cpu.h"
#include "../../stub/stub.h"
#include "fuzz_input.h"

struct hs_stub_config hs_stub_config;
char hs_stub_vectors[2048] __attribute__((aligned(2048)));

static const unsigned pa_bits[] = {32, 36, 40, 42, 44, 48, 52};
static unsigned char records[256] __attribute__((aligned(16)));

void hs_putc(char c)
{
	(void)c;
}

void hs_puts(const char *s)
{
	(void)s;
}

void hs_puthex(unsigned long v)
{
	(void)v;
}

unsigned long hs_this_cpu_id(void)
{
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size};
	unsigned long level = (fuzz_take(&in, 1) & 1) ? 2 : 1;
	unsigned flags = (unsigned)fuzz_take(&in, 1);
	uint64_t where = fuzz_take(&in, 8), entry = fuzz_take(&in, 8);
	unsigned parange = (unsigned)(fuzz_take(&in, 1) % 7);
	struct hs_cpu *me = &hs_cpu_table.cpu[1];
	uintptr_t ctx = 0, got;
	int good;

	fake_cpu_reset();
	memset(&hs_cpu_table, 0, sizeof(hs_cpu_table));
	hs_cpu_table.ncpus = 2;
	hs_cpu_table.cpu[1].mpidr = 1;
	hs_cpu_table.hyp_disabled = (flags >> 2) & 1;
	hs_cpu_table.ram_base = (uintptr_t)records;
	hs_cpu_table.ram_end = (uintptr_t)records + sizeof(records);
	hs_stub_config.pa_limit = 1ull << pa_bits[parange];
	fake_cpu.reg[FR_vbar_el2] = 0x7ff00000;
	if (flags & 1) {
		/* The shim's own boot-time record, or a null one (refused). */
		ctx = (flags & 2) ? (uintptr_t)&hs_cpu_bring_up : 0;
	} else {
		if (flags & 2) {
			ctx = (uintptr_t)
			    where; /* any address: must be refused unless it is a record */
		} else {
			struct hs_cpu_start *start;

			ctx = (uintptr_t)records + (where % (sizeof(records) - sizeof(*start)));
			start = (struct hs_cpu_start *)ctx;
			if (!(ctx & (sizeof(uintptr_t) - 1)))
				start->entry = (uintptr_t)entry;
		}
	}
	/* What the contract says about this record (read only when it is in "RAM"). */
	good = ctx && !(ctx & (sizeof(uintptr_t) - 1)) && ctx >= hs_cpu_table.ram_base &&
	       ctx < hs_cpu_table.ram_end &&
	       hs_cpu_table.ram_end - ctx >= sizeof(struct hs_cpu_start);
	if (good)
		entry = ((const struct hs_cpu_start *)ctx)->entry;
	good = good && hs_entry_ok((uintptr_t)entry) && entry < hs_stub_config.pa_limit;
	got = hs_cpu_enter(me, ctx, level, 0);
	if (good) {
		FUZZ_CHECK(got == entry);
		FUZZ_CHECK(me->state == HS_CPU_RUNNING);
	} else {
		FUZZ_CHECK(got == 0);
		FUZZ_CHECK(me->state ==
			   (ctx == (uintptr_t)&hs_cpu_bring_up ? HS_CPU_PARKED : HS_CPU_REFUSED));
	}
	FUZZ_CHECK(me->entries == 1 && me->level == level);
	if (level == 2) {
		FUZZ_CHECK(fake_cpu.reg[FR_vbar_el2] == (uintptr_t)hs_stub_vectors);
		FUZZ_CHECK(hs_cpu_has_hyp(&hs_cpu_table, 1) == !hs_cpu_table.hyp_disabled);
	} else {
		FUZZ_CHECK(fake_cpu.reg[FR_vbar_el2] == 0x7ff00000);
		FUZZ_CHECK(fake_cpu.writes[FR_hcr_el2] == 0 && !hs_cpu_has_hyp(&hs_cpu_table, 1));
	}
	FUZZ_CHECK(fake_cpu.errors == 0);
	return 0;
}
