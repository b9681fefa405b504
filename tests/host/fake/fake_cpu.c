// SPDX-License-Identifier: MIT
/*
 * The fake CPU behind tests/host/fake/arch/sysreg.h.
 *
 * Registers hold what was written, except where the architecture makes a
 * CPU differ and a test needs it:
 *   - HCR_EL2.E2H reads 1 when `e2h_res1` (a CPU without FEAT_E2H0);
 *   - ICC_SRE_EL2.SRE reads 0 (RAZ/WI) when `gic_sre_raz`.
 * Accesses a real CPU would refuse are counted in `errors` (first one
 * described in `first_error`); every test checks that there were none:
 *   - a register of a feature the ID registers do not show (UNDEFINED):
 *     ZCR_EL2 (SVE), SMCR_EL2/SMPRIMAP_EL2 (SME), HCRX_EL2 (HCX), the
 *     fine-grained trap registers (FGT; HAFGRTR_EL2 also AMU), ICC_SRE_EL2
 *     (GICv3 system registers), ICH_HCR_EL2 (also ICC_SRE_EL2.SRE == 1),
 *     PMSCR_EL2 (SPE), CNTHV_CTL_EL2 (VHE), PMCR_EL0 (PMUv3);
 *   - ZCR_EL2/SMCR_EL2/SMPRIMAP_EL2 while CPTR_EL2 traps them (TZ/TSM/TFP,
 *     or ZEN/SMEN/FPEN when E2H is 1), or after a CPTR_EL2 write that no
 *     isb() has synchronised yet;
 *   - CPTR_EL2 or CNTHCTL_EL2 (whose layout depends on E2H) before HCR_EL2
 *     was written and synchronised by an isb();
 *   - an _el12 name while E2H is 0 (UNDEFINED).
 * With E2H = 1 (written, or e2h_res1), EL1 names used at EL2 reach the EL2
 * registers and _el12 names the EL1 ones (Arm ARM D5.x, "Virtualization
 * Host Extensions": register redirection), so code that forgets it
 * changes the wrong register, visibly.
 */
#include <arch/sysreg.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct fake_cpu fake_cpu;

#define NAME(n) [FR_##n] = #n,
const char *const fake_reg_names[FAKE_NREGS] = {FAKE_SYSREGS(NAME, NAME)};
#undef NAME
#define KIND_RO(n) [FR_##n] = false,
#define KIND_RW(n) [FR_##n] = true,
const bool fake_reg_writable[FAKE_NREGS] = {FAKE_SYSREGS(KIND_RO, KIND_RW)};
#undef KIND_RO
#undef KIND_RW

#define HCR_E2H	    (1ull << 34)
#define ICC_SRE_SRE 1ull

static unsigned idf(enum fake_reg r, unsigned shift)
{
	return (unsigned)((fake_cpu.reg[r] >> shift) & 0xf);
}

__attribute__((format(printf, 1, 2))) static void fake_error(const char *fmt, ...)
{
	if (fake_cpu.errors++ == 0) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(fake_cpu.first_error, sizeof(fake_cpu.first_error), fmt, ap);
		va_end(ap);
	}
}

static bool e2h_effective(void)
{
	return fake_cpu.e2h_res1 || (fake_cpu.reg[FR_hcr_el2] & HCR_E2H);
}

/* Is the feature behind register r implemented? (Arm ARM ID fields.) */
static bool present(enum fake_reg r)
{
	unsigned pmuver;

	switch (r) {
	case FR_zcr_el2: return idf(FR_id_aa64pfr0_el1, 32) != 0; /* SVE */
	case FR_smcr_el2:
	case FR_smprimap_el2: return idf(FR_id_aa64pfr1_el1, 24) != 0; /* SME */
	case FR_hcrx_el2: return idf(FR_id_aa64mmfr1_el1, 40) != 0;    /* HCX */
	case FR_hfgrtr_el2:
	case FR_hfgwtr_el2:
	case FR_hfgitr_el2:
	case FR_hdfgrtr_el2:
	case FR_hdfgwtr_el2: return idf(FR_id_aa64mmfr0_el1, 56) != 0; /* FGT */
	case FR_hafgrtr_el2:
		return idf(FR_id_aa64mmfr0_el1, 56) != 0 && idf(FR_id_aa64pfr0_el1, 44) != 0;
	case FR_icc_sre_el2: return idf(FR_id_aa64pfr0_el1, 24) != 0; /* GIC */
	case FR_ich_hcr_el2:
		return idf(FR_id_aa64pfr0_el1, 24) != 0 &&
		       (fake_cpu.reg[FR_icc_sre_el2] & ICC_SRE_SRE) && !fake_cpu.gic_sre_raz;
	case FR_pmscr_el2: return idf(FR_id_aa64dfr0_el1, 32) != 0;	/* PMSVer */
	case FR_cnthv_ctl_el2: return idf(FR_id_aa64mmfr1_el1, 8) != 0; /* VH */
	case FR_pmcr_el0: pmuver = idf(FR_id_aa64dfr0_el1, 8); return pmuver != 0 && pmuver != 0xf;
	default: return true;
	}
}

/* Would CPTR_EL2 (as last synchronised) trap an EL2 access to r? */
static const char *cptr_trap(enum fake_reg r)
{
	uint64_t cptr = fake_cpu.reg[FR_cptr_el2];
	bool vhe = e2h_effective();
	bool sve = r == FR_zcr_el2;
	bool sme = r == FR_smcr_el2 || r == FR_smprimap_el2;

	if (!sve && !sme)
		return NULL;
	if (fake_cpu.cptr_unsynced)
		return "CPTR_EL2 written and no isb() since";
	if (vhe) {
		if (sve && !(cptr & (1ull << 16)))
			return "CPTR_EL2.ZEN traps it";
		if (sme && !(cptr & (1ull << 24)))
			return "CPTR_EL2.SMEN traps it";
		if (!(cptr & (1ull << 20)))
			return "CPTR_EL2.FPEN traps it";
	} else {
		if (sve && (cptr & (1ull << 8)))
			return "CPTR_EL2.TZ traps it";
		if (sme && (cptr & (1ull << 12)))
			return "CPTR_EL2.TSM traps it";
		if (cptr & (1ull << 10))
			return "CPTR_EL2.TFP traps it";
	}
	return NULL;
}

static void check_access(enum fake_reg r, const char *how)
{
	const char *why;

	if (!present(r)) {
		fake_error("%s of %s: the CPU does not implement it (UNDEFINED)", how,
			   fake_reg_names[r]);
		return;
	}
	why = cptr_trap(r);
	if (why)
		fake_error("%s of %s: %s", how, fake_reg_names[r], why);
}

/* The EL1 register an _el12 name stands for, or -1 when r is not one. */
static int el12_target(enum fake_reg r)
{
	const char *n = fake_reg_names[r];
	size_t len = strlen(n);

	if (len < 6 || strcmp(n + len - 5, "_el12"))
		return -1;
	for (int i = 0; i < FAKE_NREGS; i++)
		if (!strncmp(fake_reg_names[i], n, len - 1) && fake_reg_names[i][len - 1] == 0)
			return i;
	fake_error("%s: no EL1 register of that name in the fake", n);
	return r;
}

/* The slot an access to register r at EL2 reaches. */
static int resolve(enum fake_reg r, const char *how)
{
	int el1 = el12_target(r);

	if (el1 >= 0) {
		if (!e2h_effective())
			fake_error("%s of %s with HCR_EL2.E2H 0 (UNDEFINED)", how,
				   fake_reg_names[r]);
		return el1;
	}
	if (!e2h_effective())
		return r;
	switch (r) {
	case FR_sctlr_el1: return FR_sctlr_el2;
	case FR_cpacr_el1: return FR_cptr_el2;
	case FR_cntkctl_el1: return FR_cnthctl_el2;
	case FR_vbar_el1: return FR_vbar_el2;
	case FR_elr_el1: return FR_elr_el2;
	case FR_spsr_el1: return FR_spsr_el2;
	case FR_esr_el1: return FR_esr_el2;
	case FR_far_el1: return FR_far_el2;
	case FR_tcr_el1:
	case FR_ttbr0_el1:
	case FR_ttbr1_el1:
	case FR_mair_el1:
	case FR_amair_el1:
	case FR_contextidr_el1:
	case FR_afsr0_el1:
	case FR_afsr1_el1: return FAKE_SHADOW(r);
	default: return r;
	}
}

const char *fake_slot_name(int slot)
{
	if (slot >= 0 && slot < FAKE_NREGS)
		return fake_reg_names[slot];
	if (slot >= FAKE_NREGS && slot < FAKE_NSLOTS) {
		static char buf[64];

		snprintf(buf, sizeof(buf), "%s@EL2", fake_reg_names[slot - FAKE_NREGS]);
		return buf;
	}
	return "?";
}

static void log_event(int what, uint64_t val)
{
	if (fake_cpu.nlog < FAKE_LOG_MAX)
		fake_cpu.log[fake_cpu.nlog++] = (struct fake_event){what, val};
	fake_cpu.nevents++;
}

uint64_t fake_sysreg_read(enum fake_reg r)
{
	int slot = resolve(r, "read");
	uint64_t v = fake_cpu.reg[slot];

	fake_cpu.reads[slot]++;
	if (slot < FAKE_NREGS)
		check_access((enum fake_reg)slot, "read");
	if (slot == FR_hcr_el2 && fake_cpu.e2h_res1)
		v |= HCR_E2H;
	if (slot == FR_icc_sre_el2 && fake_cpu.gic_sre_raz)
		v &= ~ICC_SRE_SRE;
	return v;
}

void fake_sysreg_write(enum fake_reg r, uint64_t v)
{
	int slot = resolve(r, "write");

	if (!fake_reg_writable[r])
		fake_error("write to the read-only %s", fake_reg_names[r]);
	if (slot < FAKE_NREGS)
		check_access((enum fake_reg)slot, "write");
	if ((slot == FR_cptr_el2 || slot == FR_cnthctl_el2) &&
	    (!fake_cpu.hcr_written || fake_cpu.hcr_unsynced))
		fake_error("write of %s before HCR_EL2 (E2H decides its layout) was written "
			   "and synchronised",
			   fake_slot_name(slot));
	fake_cpu.reg[slot] = v;
	fake_cpu.writes[slot]++;
	fake_cpu.nwrites++;
	if (slot == FR_cptr_el2)
		fake_cpu.cptr_unsynced = true;
	if (slot == FR_hcr_el2)
		fake_cpu.hcr_unsynced = fake_cpu.hcr_written = true;
	log_event(slot, v);
}

void fake_barrier(int which)
{
	if (which == FE_ISB) {
		fake_cpu.nisb++;
		fake_cpu.cptr_unsynced = false;
		fake_cpu.hcr_unsynced = false;
	} else if (which == FE_DSB) {
		fake_cpu.ndsb++;
	}
	log_event(which, 0);
}

void fake_dcache_clean(const volatile void *addr)
{
	/* What reached the point of coherency: the 8 bytes a CPU with its MMU
	 * off would read there (the tests clean 8-byte-aligned words). */
	fake_cpu.poc_addr = (uintptr_t)addr;
	memcpy(&fake_cpu.poc_value, (const void *)(uintptr_t)addr, sizeof(fake_cpu.poc_value));
	log_event(FE_DC_CVAC, (uint64_t)(uintptr_t)addr);
}

void fake_cpu_reset(void)
{
	memset(&fake_cpu, 0, sizeof(fake_cpu));
}

void fake_cpu_clear_log(void)
{
	fake_cpu.nlog = fake_cpu.nevents = fake_cpu.nwrites = 0;
	fake_cpu.nisb = fake_cpu.ndsb = 0;
	memset(fake_cpu.writes, 0, sizeof(fake_cpu.writes));
	memset(fake_cpu.reads, 0, sizeof(fake_cpu.reads));
	fake_cpu.errors = 0;
	fake_cpu.first_error[0] = 0;
}

int fake_log_find(int what, unsigned n)
{
	for (unsigned i = 0; i < fake_cpu.nlog; i++)
		if (fake_cpu.log[i].what == what && n-- == 0)
			return (int)i;
	return -1;
}

bool fake_log_isb_between(int a, int b)
{
	for (int i = a + 1; i < b; i++)
		if (i >= 0 && (unsigned)i < fake_cpu.nlog && fake_cpu.log[i].what == FE_ISB)
			return true;
	return false;
}

uint64_t fake_last_write(int r)
{
	for (unsigned i = fake_cpu.nlog; i-- > 0;)
		if (fake_cpu.log[i].what == r)
			return fake_cpu.log[i].val;
	return 0xdeadbeefdeadbeefull;
}

void fake_log_dump(void)
{
	fprintf(stderr, "fake CPU: %u event(s), %u error(s)%s%s\n", fake_cpu.nevents,
		fake_cpu.errors, fake_cpu.errors ? ", first: " : "", fake_cpu.first_error);
	for (unsigned i = 0; i < fake_cpu.nlog; i++) {
		const struct fake_event *e = &fake_cpu.log[i];

		if (e->what == FE_ISB)
			fprintf(stderr, "  %3u isb\n", i);
		else if (e->what == FE_DSB)
			fprintf(stderr, "  %3u dsb sy\n", i);
		else if (e->what == FE_SEV)
			fprintf(stderr, "  %3u sev\n", i);
		else if (e->what == FE_DC_CVAC)
			fprintf(stderr, "  %3u dc cvac 0x%llx\n", i, (unsigned long long)e->val);
		else
			fprintf(stderr, "  %3u %-16s <- 0x%llx\n", i, fake_slot_name(e->what),
				(unsigned long long)e->val);
	}
}
