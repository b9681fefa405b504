// SPDX-License-Identifier: MIT
/*
 * The ABI-level checks of a stub (abi_checks.h): what the specification
 * (Linux's Documentation/virt/kvm/arm/hyp-abi.rst) requires of every call,
 * and each guarantee hypstub gives beyond it (docs/ABI.md). They use
 * nothing but `hvc` and a blob of EL2 code at a physical address, so the
 * same checks judge hypstub's stub in a guest and Linux's inside Linux.
 *
 * EL2 state is read through the ABI itself: HVC_SOFT_RESTART into the
 * blob's landing, which records what it arrived with and erets back.
 * After every check the stub is put back in VBAR_EL2 and that is proven.
 */
#include "abi_checks.h"

#define SOME_CALL 0x1234ul
#define ROUNDS	  50 /* SOFT_RESTART round trips per check */
#define DAIF_ALL  0x3c0ul
#define SCTLR_M	  (1ul << 0)
#define SCTLR_C	  (1ul << 2)
#define SCTLR_I	  (1ul << 12)

static unsigned long *blob_word(struct abi_run *r, unsigned long off)
{
	return (unsigned long *)((char *)r->blob_va + ABI_BLOB_DATA + off);
}

static void blob_set(struct abi_run *r, unsigned long off, unsigned long v)
{
	unsigned long *p = blob_word(r, off);

	*p = v;
	abi_dcache_clean(p, sizeof(*p));
}

/* xorshift64*: cheap, and the same in every environment (seeded there). */
static unsigned long long abi_seed;

static unsigned long rnd(void)
{
	abi_seed ^= abi_seed >> 12;
	abi_seed ^= abi_seed << 25;
	abi_seed ^= abi_seed >> 27;
	return (unsigned long)(abi_seed * 0x2545f4914f6cdd1dull);
}

/*
 * A failure of the running check. The note must not depend on random
 * values (it goes into the generated table); got/want go after it in
 * brackets, for the log only.
 */
static void fail(struct abi_run *r, unsigned long got, unsigned long want, const char *note)
{
	if (!r->failures++)
		snprintf(r->detail, sizeof(r->detail), "%s [got %#lx, want %#lx]", note, got, want);
}

#define CHECK_EQ(r, got, want, note)                                                      \
	do {                                                                              \
		unsigned long got_ = (unsigned long)(got), want_ = (unsigned long)(want); \
		if (got_ != want_)                                                        \
			fail(r, got_, want_, note);                                       \
	} while (0)

/* Registers for the landing: random x5..x26 and x30 (the rest abi_restart fills). */
static void fill_sent(unsigned long sent[31])
{
	for (unsigned i = 0; i < 31; i++)
		sent[i] = rnd();
}

/* One round trip through the landing; its record in *rec. Returns the restart's answer. */
static unsigned long land(struct abi_run *r, unsigned long a0, unsigned long a1, unsigned long a2,
			  unsigned long sent[31], struct abi_record *rec)
{
	struct abi_record *live = (struct abi_record *)blob_word(r, ABI_DATA_RECORD);
	unsigned long ret;

	/* No line of the record may be dirty at EL1 while EL2 writes it, uncached. */
	abi_dcache_clean_inval(live, sizeof(*live));
	ret = abi_restart(r->blob_pa + ABI_BLOB_LANDING, a0, a1, a2, sent);
	abi_dcache_clean_inval(live, sizeof(*live));
	*rec = *live;
	return ret;
}

/* VBAR_EL2 as a landing finds it, or ~0 when SOFT_RESTART did not land. */
static unsigned long vbar_el2(struct abi_run *r)
{
	unsigned long sent[31];
	struct abi_record rec;

	fill_sent(sent);
	if (land(r, 0, 0, 0, sent, &rec) != ABI_LANDED)
		return ~0ul;
	return rec.vbar_el2;
}

/* Put the stub back if the blob's table (or nothing sensible) answers; 0 once proven. */
static int settle(struct abi_run *r)
{
	for (unsigned i = 0; i < 3; i++) {
		unsigned long a = abi_hvc(ABI_CALL_VBAR, 0);

		if (a == ABI_STUB_ERR)
			return vbar_el2(r) == r->stub_vectors ? 0 : -1;
		if (a != ABI_MISVECTORED)
			abi_hvc(ABI_CALL_RESTORE, 0);
	}
	return -1;
}

/* The stub answers, and VBAR_EL2 is its vectors: "nothing changed". */
static void stub_still_in_place(struct abi_run *r, const char *note)
{
	unsigned long a = abi_hvc(SOME_CALL, 0);

	CHECK_EQ(r, a, ABI_STUB_ERR, note);
	if (a == ABI_STUB_ERR)
		CHECK_EQ(r, vbar_el2(r), r->stub_vectors, note);
	settle(r);
}

static void chk_set_vectors(struct abi_run *r)
{
	blob_set(r, ABI_DATA_FORWARD, 0);
	CHECK_EQ(r, abi_hvc(ABI_SET_VECTORS, r->blob_pa), 0, "SET_VECTORS did not answer 0");
	CHECK_EQ(r, abi_hvc(ABI_CALL_VBAR, 0), r->blob_pa,
		 "the new table does not see itself in VBAR_EL2");
	CHECK_EQ(r, abi_hvc(SOME_CALL, 0), ABI_ANSWER_MAGIC, "the new table does not answer hvc");
	/* The table's own RESET_VECTORS (a hypervisor must implement it) brings the stub back. */
	CHECK_EQ(r, abi_hvc(ABI_RESET_VECTORS, 0), 0, "the table's RESET_VECTORS failed");
	CHECK_EQ(r, abi_hvc(SOME_CALL, 0), ABI_STUB_ERR,
		 "the stub does not answer after the reset");
	CHECK_EQ(r, vbar_el2(r), r->stub_vectors, "VBAR_EL2 is not the stub's after the reset");
}

static void chk_set_vectors_stub(struct abi_run *r)
{
	CHECK_EQ(r, abi_hvc(ABI_SET_VECTORS, r->stub_vectors), 0,
		 "SET_VECTORS to the stub's own vectors did not answer 0");
	stub_still_in_place(r, "the stub is not in place after SET_VECTORS to itself");
}

static void chk_reset_vectors(struct abi_run *r)
{
	unsigned long sent[31];
	struct abi_record rec;

	CHECK_EQ(r, abi_hvc(ABI_RESET_VECTORS, 0), 0, "RESET_VECTORS did not answer 0");
	CHECK_EQ(r, abi_hvc(ABI_RESET_VECTORS, 0), 0, "a second RESET_VECTORS did not answer 0");
	fill_sent(sent);
	CHECK_EQ(r, land(r, 0, 0, 0, sent, &rec), ABI_LANDED, "SOFT_RESTART did not land");
	CHECK_EQ(r, rec.vbar_el2, r->stub_vectors, "VBAR_EL2 is not the stub's");
	CHECK_EQ(r, rec.sctlr_el2 & SCTLR_M, 0, "the EL2 MMU is on");
	CHECK_EQ(r, abi_hvc(SOME_CALL, 0), ABI_STUB_ERR, "the stub does not answer");
}

static void chk_reset_passed_on(struct abi_run *r)
{
	blob_set(r, ABI_DATA_FORWARD, 1);
	CHECK_EQ(r, abi_hvc(ABI_SET_VECTORS, r->blob_pa), 0, "SET_VECTORS did not answer 0");
	CHECK_EQ(r, abi_hvc(ABI_RESET_VECTORS, 0), 0, "RESET_VECTORS passed on did not answer 0");
	CHECK_EQ(r, abi_hvc(SOME_CALL, 0), ABI_STUB_ERR,
		 "the stub's code, reached through a hypervisor, did not take VBAR_EL2 back");
	settle(r);
	blob_set(r, ABI_DATA_FORWARD, 0);
}

/* What each SOFT_RESTART check looks at in one round trip. */
enum landing_part { AT_EL2, MASKED, MMU_OFF, CACHES_OFF, ARGS, KEEPS_REGS, KEEPS_VBAR };

static void soft_restart_rounds(struct abi_run *r, enum landing_part part)
{
	for (unsigned n = 0; n < ROUNDS && !r->failures; n++) {
		unsigned long sent[31], a[3] = {rnd(), rnd(), rnd()};
		struct abi_record rec;

		fill_sent(sent);
		if (land(r, a[0], a[1], a[2], sent, &rec) != ABI_LANDED) {
			fail(r, 0, ABI_LANDED, "SOFT_RESTART did not land");
			return;
		}
		switch (part) {
		case AT_EL2: CHECK_EQ(r, rec.el, 2, "not at EL2"); break;
		case MASKED:
			CHECK_EQ(r, rec.daif & DAIF_ALL, DAIF_ALL, "DAIF not all masked");
			break;
		case MMU_OFF: CHECK_EQ(r, rec.sctlr_el2 & SCTLR_M, 0, "SCTLR_EL2.M set"); break;
		case CACHES_OFF:
			CHECK_EQ(r, rec.sctlr_el2 & (SCTLR_C | SCTLR_I), 0,
				 "SCTLR_EL2.C or .I set");
			break;
		case ARGS:
			CHECK_EQ(r, rec.x[0], a[0], "x0 is not the caller's x2");
			CHECK_EQ(r, rec.x[1], a[1], "x1 is not the caller's x3");
			CHECK_EQ(r, rec.x[2], a[2], "x2 is not the caller's x4");
			break;
		case KEEPS_REGS:
			for (unsigned i = 3; i < 31; i++) {
				static const char *const notes[] = {
				    "x3 changed",  "x4 changed",  "x5 changed",	 "x6 changed",
				    "x7 changed",  "x8 changed",  "x9 changed",	 "x10 changed",
				    "x11 changed", "x12 changed", "x13 changed", "x14 changed",
				    "x15 changed", "x16 changed", "x17 changed", "x18 changed",
				    "x19 changed", "x20 changed", "x21 changed", "x22 changed",
				    "x23 changed", "x24 changed", "x25 changed", "x26 changed",
				    "x27 changed", "x28 changed", "x29 changed", "x30 changed"};

				CHECK_EQ(r, rec.x[i], sent[i], notes[i - 3]);
			}
			break;
		case KEEPS_VBAR:
			CHECK_EQ(r, rec.vbar_el2, r->stub_vectors, "VBAR_EL2 is not the stub's");
			break;
		}
	}
}

static void chk_restart_el2(struct abi_run *r)
{
	soft_restart_rounds(r, AT_EL2);
}
static void chk_restart_masked(struct abi_run *r)
{
	soft_restart_rounds(r, MASKED);
}
static void chk_restart_mmu_off(struct abi_run *r)
{
	soft_restart_rounds(r, MMU_OFF);
}
static void chk_restart_caches_off(struct abi_run *r)
{
	soft_restart_rounds(r, CACHES_OFF);
}
static void chk_restart_args(struct abi_run *r)
{
	soft_restart_rounds(r, ARGS);
}
static void chk_restart_keeps_regs(struct abi_run *r)
{
	soft_restart_rounds(r, KEEPS_REGS);
}
static void chk_restart_keeps_vbar(struct abi_run *r)
{
	soft_restart_rounds(r, KEEPS_VBAR);
}

static void chk_restart_bad_entry(struct abi_run *r)
{
	unsigned long good = r->blob_pa + ABI_BLOB_LANDING, limit = abi_pa_limit();
	unsigned long bad[] = {good + 1, good + 2, good + 3, limit, ~3ul};
	unsigned long sent[31];

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fill_sent(sent);
		CHECK_EQ(r, abi_restart(bad[i], 0, 0, 0, sent), ABI_STUB_ERR,
			 "a misaligned or nonexistent entry was not refused");
	}
	stub_still_in_place(r, "a refused SOFT_RESTART changed VBAR_EL2");
}

static void chk_unknown(struct abi_run *r)
{
	/*
	 * Not 3 and 4: Linux's HVC_FINALISE_EL2 and the proposed HVC_GET_ICH_VTR_EL2;
	 * nor 0x48530000, hypstub's own park call (it does not return there).
	 */
	static const unsigned long numbers[] = {5,	    6,		0xff,	      0x1000,
						0x48530001, 0x80000000, ABI_STUB_ERR, ~0ul};

	for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		CHECK_EQ(r, abi_hvc(numbers[i], 0x40000000), ABI_STUB_ERR,
			 "an unknown number did not answer HVC_STUB_ERR");
	for (unsigned i = 0; i < 1000 && !r->failures; i++) {
		unsigned long n = rnd();

		if (n > 4 && n != 0x48530000)
			CHECK_EQ(r, abi_hvc(n, rnd()), ABI_STUB_ERR,
				 "an unknown number did not answer HVC_STUB_ERR");
	}
	CHECK_EQ(r, vbar_el2(r), r->stub_vectors, "an unknown number changed VBAR_EL2");
}

static void chk_regs(struct abi_run *r)
{
	static const unsigned long calls[] = {SOME_CALL, ABI_SET_VECTORS, ABI_RESET_VECTORS};

	for (unsigned n = 0; n < 100 && !r->failures; n++) {
		unsigned long call = calls[n % 3], in[31], out[32];

		for (unsigned i = 0; i < 31; i++)
			in[i] = rnd();
		in[0] = call;
		if (call == ABI_SET_VECTORS)
			in[1] = r->stub_vectors;
		abi_hvc_regs(in, out);
		CHECK_EQ(r, out[0], call == SOME_CALL ? ABI_STUB_ERR : 0, "the call failed");
		for (unsigned i = 1; i < 31; i++)
			CHECK_EQ(r, out[i], in[i], "a register other than x0 changed");
	}
}

static void chk_sysregs(struct abi_run *r)
{
	static const char *const changed[ABI_NSYSREGS] = {
	    "SCTLR_EL1 changed",  "TCR_EL1 changed",	 "TTBR0_EL1 changed",
	    "TTBR1_EL1 changed",  "MAIR_EL1 changed",	 "AMAIR_EL1 changed",
	    "VBAR_EL1 changed",	  "CPACR_EL1 changed",	 "TPIDR_EL1 changed",
	    "TPIDR_EL0 changed",  "TPIDRRO_EL0 changed", "CONTEXTIDR_EL1 changed",
	    "SP_EL0 changed",	  "ELR_EL1 changed",	 "SPSR_EL1 changed",
	    "ESR_EL1 changed",	  "FAR_EL1 changed",	 "AFSR0_EL1 changed",
	    "AFSR1_EL1 changed",  "PAR_EL1 changed",	 "CNTKCTL_EL1 changed",
	    "CSSELR_EL1 changed", "MDSCR_EL1 changed"};
	unsigned long before[ABI_NSYSREGS], after[ABI_NSYSREGS], sent[31];
	struct abi_record rec;

	abi_el1_sysregs(before);
	for (unsigned n = 0; n < 25; n++) {
		abi_hvc(ABI_SET_VECTORS, r->stub_vectors);
		abi_hvc(ABI_RESET_VECTORS, 0);
		abi_hvc(SOME_CALL, rnd());
		fill_sent(sent);
		CHECK_EQ(r, land(r, rnd(), rnd(), rnd(), sent, &rec), ABI_LANDED,
			 "SOFT_RESTART did not land");
	}
	abi_el1_sysregs(after);
	for (unsigned i = 0; i < ABI_NSYSREGS; i++)
		CHECK_EQ(r, after[i], before[i], changed[i]);
}

static void chk_hvc_imm(struct abi_run *r)
{
	for (unsigned i = 0; i < ABI_NIMM; i++) {
		CHECK_EQ(r, abi_hvc_imm(i, ABI_SET_VECTORS, r->blob_pa), ABI_STUB_ERR,
			 "SET_VECTORS by hvc #n (n != 0) was not refused");
		stub_still_in_place(r, "SET_VECTORS by hvc #n (n != 0) moved VBAR_EL2");
		CHECK_EQ(r, abi_hvc_imm(i, ABI_RESET_VECTORS, 0), ABI_STUB_ERR,
			 "RESET_VECTORS by hvc #n (n != 0) was not refused");
		CHECK_EQ(r, abi_hvc_imm(i, SOME_CALL, 0), ABI_STUB_ERR,
			 "an unknown call by hvc #n (n != 0) did not answer HVC_STUB_ERR");
	}
}

static void chk_set_misaligned(struct abi_run *r)
{
	/* Every single low bit, then the last word and byte below the next boundary. */
	static const unsigned long offs[] = {1,	  2,   4,   8,	  16,	32,  64,
					     128, 256, 512, 1024, 2044, 2047};

	for (unsigned i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		CHECK_EQ(r, abi_hvc(ABI_SET_VECTORS, r->blob_pa + offs[i]), ABI_STUB_ERR,
			 "a misaligned SET_VECTORS was not refused");
		stub_still_in_place(r, "a misaligned SET_VECTORS moved VBAR_EL2");
	}
}

static void chk_set_beyond_pa(struct abi_run *r)
{
	unsigned long limit = abi_pa_limit();
	unsigned long bad[] = {limit, limit + ABI_VECTORS_ALIGN, ~(ABI_VECTORS_ALIGN - 1)};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_EQ(r, abi_hvc(ABI_SET_VECTORS, bad[i]), ABI_STUB_ERR,
			 "SET_VECTORS outside the physical address space was not refused");
	stub_still_in_place(r, "a refused SET_VECTORS moved VBAR_EL2");
}

struct abi_check {
	const char *name;
	const char *kind;    /* "spec", or "beyond" the spec */
	const char *section; /* the spec's item, or docs/ABI.md's */
	const char *rule;
	int unsafe; /* a stub without it stops the CPU: run only where may_fault */
	void (*fn)(struct abi_run *r);
};

static const struct abi_check checks[] = {
    {"calls.this_cpu_only", "spec", "introduction",
     "the stubs only act on individual CPUs: SET_VECTORS on one CPU leaves another CPU's stub "
     "in place",
     0, NULL},
    {"set_vectors.installs", "spec", "HVC_SET_VECTORS",
     "a suitably aligned physical address becomes VBAR_EL2, the call answers 0, and the next "
     "hvc is taken by that table",
     0, chk_set_vectors},
    {"set_vectors.stub_again", "spec", "HVC_SET_VECTORS",
     "the stub's own (aligned, physical) vectors are as acceptable as any: answer 0, the stub "
     "still serves",
     0, chk_set_vectors_stub},
    {"reset_vectors.stub_in_place", "spec", "HVC_RESET_VECTORS",
     "VBAR_EL2 is the stub's vectors and the EL2 MMU is off afterwards, answer 0 (a no-op with "
     "the stub in place)",
     0, chk_reset_vectors},
    {"soft_restart.at_el2", "spec", "HVC_SOFT_RESTART",
     "execution continues at the restart address, at EL2", 0, chk_restart_el2},
    {"soft_restart.masked", "spec", "HVC_SOFT_RESTART",
     "all exceptions are masked on arrival (DAIF = 0b1111)", 0, chk_restart_masked},
    {"soft_restart.mmu_off", "spec", "HVC_SOFT_RESTART",
     "the EL2 MMU is off on arrival (SCTLR_EL2.M = 0)", 0, chk_restart_mmu_off},
    {"soft_restart.args", "spec", "HVC_SOFT_RESTART",
     "the caller's x2, x3, x4 arrive as x0, x1, x2", 0, chk_restart_args},
    {"unknown.stub_err", "spec", "other values; return value",
     "a number the stub does not implement is an error: it answers HVC_STUB_ERR (0xbadca11) "
     "and VBAR_EL2 stays",
     0, chk_unknown},
    {"soft_restart.caches_off", "beyond", "docs/ABI.md HVC_SOFT_RESTART",
     "the EL2 data and instruction caches are off too on arrival (SCTLR_EL2.C = .I = 0)", 0,
     chk_restart_caches_off},
    {"soft_restart.keeps_x3_x30", "beyond", "docs/ABI.md HVC_SOFT_RESTART",
     "x3..x30 arrive as the caller had them", 0, chk_restart_keeps_regs},
    {"soft_restart.keeps_vbar", "beyond", "docs/ABI.md HVC_SOFT_RESTART",
     "VBAR_EL2 is still the stub's on arrival", 0, chk_restart_keeps_vbar},
    {"soft_restart.bad_entry_refused", "beyond", "docs/ABI.md HVC_SOFT_RESTART",
     "a misaligned entry or one outside the physical address space is refused: HVC_STUB_ERR, "
     "the call returns, nothing changed",
     1, chk_restart_bad_entry},
    {"reset_vectors.passed_on", "beyond", "docs/ABI.md HVC_RESET_VECTORS",
     "a hypervisor may pass RESET_VECTORS on to the stub's lower-EL synchronous vector "
     "(vectors + 0x400) with the caller's registers: the stub takes VBAR_EL2 back",
     0, chk_reset_passed_on},
    {"regs.preserved", "beyond", "docs/ABI.md Guarantees for every call",
     "every register but x0 is preserved (the spec lets a call clobber x0-x18)", 0, chk_regs},
    {"sysregs.el1_preserved", "beyond", "docs/ABI.md Guarantees for every call",
     "every EL1 system register (SCTLR_EL1, TCR_EL1, TTBR0/1_EL1, MAIR_EL1, VBAR_EL1, TPIDR*, "
     "SP_EL0, ELR/SPSR/ESR/FAR_EL1, PAR_EL1, ... 23 of them) is as it was, after calls of "
     "every kind",
     0, chk_sysregs},
    {"hvc_imm.refused", "beyond", "docs/ABI.md Guarantees for every call",
     "only hvc #0 is the ABI: hvc #n (n != 0) answers HVC_STUB_ERR and changes nothing", 0,
     chk_hvc_imm},
    {"set_vectors.misaligned_refused", "beyond", "docs/ABI.md HVC_SET_VECTORS",
     "an address off the 2 KiB alignment is refused: HVC_STUB_ERR, VBAR_EL2 unchanged", 0,
     chk_set_misaligned},
    {"set_vectors.beyond_pa_refused", "beyond", "docs/ABI.md HVC_SET_VECTORS",
     "an address outside the physical address space (ID_AA64MMFR0_EL1.PARange) is refused", 1,
     chk_set_beyond_pa},
};

#define NCHECKS (sizeof(checks) / sizeof(checks[0]))

void abi_blob_install(void *va)
{
	memcpy(va, abi_el2_blob, ABI_BLOB_SIZE);
	abi_dcache_clean(va, ABI_BLOB_SIZE);
	abi_icache_inval_all();
}

void abi_describe(void)
{
	for (unsigned i = 0; i < NCHECKS; i++)
		ABI_PRINT("ABIDEF %s %s %s | %s\n", checks[i].name, checks[i].kind,
			  checks[i].section, checks[i].rule);
}

unsigned long abi_find_stub(struct abi_run *r)
{
	unsigned long sent[31];
	struct abi_record rec;

	abi_seed = abi_random() | 1;
	/* Where the stub's vectors are: a landing reads VBAR_EL2. */
	fill_sent(sent);
	if (land(r, 0, 0, 0, sent, &rec) != ABI_LANDED || rec.el != 2)
		return ~0ul;
	r->stub_vectors = rec.vbar_el2;
	blob_set(r, ABI_DATA_STUB_VECTORS, r->stub_vectors);
	blob_set(r, ABI_DATA_FORWARD, 0);
	ABI_PRINT("ABIINFO cpu=%u stub_vectors=%#lx blob=%#lx sctlr_el2=%#lx pa_limit=%#lx\n",
		  r->cpu, r->stub_vectors, r->blob_pa, rec.sctlr_el2, abi_pa_limit());
	return r->stub_vectors;
}

/* On the other CPU: which handler answers there. */
static void probe_here(void *arg)
{
	*(unsigned long *)arg = abi_hvc(SOME_CALL, 0);
}

void abi_run_cross_cpu(struct abi_run *r, abi_on_cpu_fn on_cpu, unsigned other)
{
	unsigned long there = 0;
	const char *verdict = "NOTRUN";

	r->failures = 0;
	snprintf(r->detail, sizeof(r->detail), "one CPU only");
	if (on_cpu && abi_find_stub(r) != ~0ul) {
		r->detail[0] = 0;
		CHECK_EQ(r, abi_hvc(ABI_SET_VECTORS, r->blob_pa), 0,
			 "SET_VECTORS did not answer 0");
		CHECK_EQ(r, abi_hvc(SOME_CALL, 0), ABI_ANSWER_MAGIC,
			 "the table does not answer here");
		if (on_cpu(other, probe_here, &there))
			fail(r, 0, 0, "the other CPU did not run the probe");
		else
			CHECK_EQ(r, there, ABI_STUB_ERR,
				 "SET_VECTORS on one CPU changed another CPU's vectors");
		CHECK_EQ(r, abi_hvc(ABI_RESET_VECTORS, 0), 0, "the table's RESET_VECTORS failed");
		if (settle(r))
			fail(r, 0, 0, "the stub could not be put back");
		verdict = r->failures ? "FAIL" : "PASS";
	}
	ABI_PRINT("ABICHECK %s %s cpu=%u %s\n", checks[0].name, verdict, r->cpu, r->detail);
}

int abi_run_all(struct abi_run *r)
{
	r->passed = r->failed = r->not_run = r->findings = 0;
	if (abi_find_stub(r) == ~0ul) {
		ABI_PRINT(
		    "ABIABORT cpu=%u SOFT_RESTART into the landing did not come back from EL2\n",
		    r->cpu);
		return -1;
	}
	for (unsigned i = 0; i < NCHECKS; i++) {
		const struct abi_check *c = &checks[i];
		const char *verdict;

		if (!c->fn)
			continue; /* abi_run_cross_cpu()'s */
		r->failures = 0;
		r->detail[0] = 0;
		if (c->unsafe && !r->may_fault) {
			verdict = "NOTRUN";
			snprintf(r->detail, sizeof(r->detail),
				 "a stub without it would stop this CPU at EL2");
			r->not_run++;
		} else {
			c->fn(r);
			if (settle(r)) {
				ABI_PRINT(
				    "ABIABORT cpu=%u after %s the stub could not be put back\n",
				    r->cpu, c->name);
				return -1;
			}
			verdict = r->failures ? "FAIL" : "PASS";
			if (r->failures) {
				r->failed++;
				r->findings += c->kind[0] == 's';
			} else {
				r->passed++;
			}
		}
		ABI_PRINT("ABICHECK %s %s cpu=%u %s\n", c->name, verdict, r->cpu, r->detail);
	}
	ABI_PRINT("ABIEND cpu=%u passed=%u failed=%u notrun=%u findings=%u\n", r->cpu, r->passed,
		  r->failed, r->not_run, r->findings);
	return 0;
}
