// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the stub's dispatcher (stub/dispatch.c) on the fake
 * CPU of the host tests. The input is one trap: the syndrome, the caller's
 * registers in the frame, the EL2 state the call meets (SCTLR_EL2,
 * VBAR_EL2) and the size of the physical address space. Every run checks
 * the ABI as docs/ABI.md states it: what x0 answers, which registers may
 * change, which system registers are written, and nothing the fake CPU
 * would refuse.
 *
 * Input layout (little-endian, missing bytes are 0): ESR_EL2 (4 bytes),
 * x0..x4 and x30 (8 each), SCTLR_EL2 (8), VBAR_EL2 (8), PARange (1).
 */
#include <hypstub/abi.h>
#include <string.h>

#include "../../stub/stub.h"
#include "fuzz_input.h"

/* What stub/console.c defines in the real image. */
struct hs_stub_config hs_stub_config;
char hs_stub_vectors[2048] __attribute__((aligned(2048)));

#define NX	     (sizeof(((struct hs_frame *)0)->x) / sizeof(uint64_t))
#define EC_HVC64     0x16u
#define SCTLR_M	     (1ull << 0)
#define SCTLR_C	     (1ull << 2)
#define SCTLR_I	     (1ull << 12)
#define SPSR_EL2H_DA 0x3c9ull

/* ID_AA64MMFR0_EL1.PARange encodings 0..6 (Arm ARM): bits of address. */
static const unsigned pa_bits[] = {32, 36, 40, 42, 44, 48, 52};

struct expectation {
	int taken;	  /* the stub answers (an AArch64 hvc) */
	int accepted;	  /* x0 = 0 or the restart's x2 */
	int soft_restart; /* x0..x2 = x2..x4 */
	uint64_t reg[FAKE_NSLOTS];
};

/* The model: what docs/ABI.md says must follow from this trap. */
static void model(const struct hs_frame *f, uint64_t esr, uint64_t pa_limit, struct expectation *e)
{
	uint64_t x1 = f->x[1];

	memcpy(e->reg, fake_cpu.reg, sizeof(e->reg));
	e->taken = ((esr >> 26) & 0x3f) == EC_HVC64;
	e->accepted = e->soft_restart = 0;
	if (!e->taken || (esr & 0xffff) != 0)
		return;
	switch (f->x[0]) {
	case HVC_SET_VECTORS:
		e->accepted = (x1 & 0x7ff) == 0 && x1 < pa_limit;
		if (e->accepted)
			e->reg[FR_vbar_el2] = x1;
		break;
	case HVC_RESET_VECTORS:
		e->accepted = 1;
		e->reg[FR_vbar_el2] = (uintptr_t)hs_stub_vectors;
		e->reg[FR_sctlr_el2] &= ~SCTLR_M;
		break;
	case HVC_SOFT_RESTART:
		e->accepted = e->soft_restart = (x1 & 3) == 0 && x1 < pa_limit;
		if (e->accepted) {
			e->reg[FR_elr_el2] = x1;
			e->reg[FR_spsr_el2] = SPSR_EL2H_DA;
			e->reg[FR_sctlr_el2] &= ~(SCTLR_M | SCTLR_C | SCTLR_I);
		}
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size};
	struct hs_frame f, before;
	struct expectation e;
	uint64_t esr = fuzz_take(&in, 4);
	long ret;

	fake_cpu_reset();
	for (unsigned i = 0; i < NX; i++)
		f.x[i] = fuzz_take(&in, 8);
	f.x30 = fuzz_take(&in, 8);
	fake_cpu.reg[FR_sctlr_el2] = fuzz_take(&in, 8);
	fake_cpu.reg[FR_vbar_el2] = fuzz_take(&in, 8) & ~0x7ffull;
	fake_cpu.reg[FR_esr_el2] = esr;
	hs_stub_config.pa_limit =
	    1ull << pa_bits[fuzz_take(&in, 1) % (sizeof(pa_bits) / sizeof(pa_bits[0]))];
	before = f;
	model(&f, esr, hs_stub_config.pa_limit, &e);

	fake_cpu_clear_log();
	ret = hs_stub_sync(&f);

	FUZZ_CHECK(fake_cpu.errors == 0);
	if (!e.taken) {
		/* Not a call: the caller reports a crash; nothing may have changed. */
		FUZZ_CHECK(ret != 0);
		FUZZ_CHECK(memcmp(&f, &before, sizeof(f)) == 0);
		FUZZ_CHECK(fake_cpu.nwrites == 0);
		return 0;
	}
	FUZZ_CHECK(ret == 0);
	FUZZ_CHECK(memcmp(e.reg, fake_cpu.reg, sizeof(e.reg)) == 0);
	if (!e.accepted) {
		/* A refusal changes nothing but x0, and writes no register. */
		FUZZ_CHECK(f.x[0] == HVC_STUB_ERR);
		FUZZ_CHECK(fake_cpu.nwrites == 0);
		FUZZ_CHECK(memcmp(&f.x[1], &before.x[1], (NX - 1) * sizeof(f.x[0])) == 0);
	} else if (e.soft_restart) {
		FUZZ_CHECK(f.x[0] == before.x[2] && f.x[1] == before.x[3] && f.x[2] == before.x[4]);
		FUZZ_CHECK(memcmp(&f.x[3], &before.x[3], (NX - 3) * sizeof(f.x[0])) == 0);
	} else {
		FUZZ_CHECK(f.x[0] == 0);
		FUZZ_CHECK(memcmp(&f.x[1], &before.x[1], (NX - 1) * sizeof(f.x[0])) == 0);
	}
	FUZZ_CHECK(f.x30 == before.x30);
	return 0;
}
