// SPDX-License-Identifier: MIT
/*
 * The fake CPU itself: that its headers still match the real arm64 ones
 * (names, constants, structures, the bodies of the pure-C helpers), and
 * that the rules it enforces do fire, so that the other tests' "no bad
 * access" checks mean something.
 */
#include <arch/stub_arch.h>
#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "fake/fake_cpu.h"

/* stub_arch.h (fake) refers to it; the dispatcher tests define the real one. */
char hs_stub_vectors[2048] __attribute__((aligned(2048)));

#define REAL_SYSREG_H	HOST_SRCDIR "/arch/arm64/include/arch/sysreg.h"
#define FAKE_SYSREG_H	HOST_SRCDIR "/tests/host/fake/arch/sysreg.h"
#define STUB_VECTORS_S	HOST_SRCDIR "/arch/arm64/stub_vectors.S"
#define CRASH_ENTRY_INC HOST_SRCDIR "/arch/arm64/include/arch/crash_entry.S.inc"

/* ---- Reading C text ---- */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	return buf;
}

/* Comments become one space each, in place. */
static void strip_comments(char *s)
{
	for (char *p = s; *p; p++) {
		if (p[0] == '/' && p[1] == '*') {
			char *e = strstr(p + 2, "*/");
			char *end = e ? e + 2 : p + strlen(p);

			memset(p, ' ', (size_t)(end - p));
			p = end - 1;
		} else if (p[0] == '/' && p[1] == '/') {
			while (*p && *p != '\n')
				*p++ = ' ';
			if (!*p)
				break;
		}
	}
}

/* A copy of s[0..n) without whitespace, for comparing code. */
static char *squash(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;

	assert_non_null(out);
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			*o++ = s[i];
	*o = 0;
	return out;
}

/* "static inline <type> name(...) { ... }", squashed; NULL if absent. */
static char *function_text(const char *src, const char *name)
{
	const char *p = src;
	size_t len = strlen(name);

	while ((p = strstr(p, "static inline")) != NULL) {
		const char *paren = strchr(p, '(');
		const char *brace = strchr(p, '{');
		const char *q;
		int depth = 0;

		if (!paren || !brace || paren > brace) {
			p++;
			continue;
		}
		q = paren;
		while (q > p && isspace((unsigned char)q[-1]))
			q--;
		if ((size_t)(q - p) < len || strncmp(q - len, name, len) ||
		    (isalnum((unsigned char)*(q - len - 1)) || *(q - len - 1) == '_')) {
			p++;
			continue;
		}
		for (q = brace; *q; q++) {
			if (*q == '{')
				depth++;
			else if (*q == '}' && --depth == 0)
				return squash(p, (size_t)(q + 1 - p));
		}
		fail_msg("unbalanced braces after %s", name);
	}
	return NULL;
}

/* ---- A tiny evaluator for the #define values: numbers, (), <<, |, * ---- */

static const char *ev_p;

static void ev_ws(void)
{
	while (isspace((unsigned char)*ev_p))
		ev_p++;
}

static uint64_t ev_or(void);

static uint64_t ev_primary(void)
{
	uint64_t v;
	char *end;

	ev_ws();
	if (*ev_p == '(') {
		ev_p++;
		v = ev_or();
		ev_ws();
		if (*ev_p != ')')
			fail_msg("cannot evaluate near \"%s\"", ev_p);
		ev_p++;
		return v;
	}
	if (!isdigit((unsigned char)*ev_p))
		fail_msg("cannot evaluate near \"%s\"", ev_p);
	v = strtoull(ev_p, &end, 0);
	ev_p = end;
	while (*ev_p == 'u' || *ev_p == 'U' || *ev_p == 'l' || *ev_p == 'L')
		ev_p++;
	return v;
}

static uint64_t ev_mul(void)
{
	uint64_t v = ev_primary();

	for (ev_ws(); *ev_p == '*'; ev_ws()) {
		ev_p++;
		v *= ev_primary();
	}
	return v;
}

static uint64_t ev_shift(void)
{
	uint64_t v = ev_mul();

	for (ev_ws(); ev_p[0] == '<' && ev_p[1] == '<'; ev_ws()) {
		ev_p += 2;
		v <<= ev_mul();
	}
	return v;
}

static uint64_t ev_or(void)
{
	uint64_t v = ev_shift();

	for (ev_ws(); *ev_p == '|'; ev_ws()) {
		ev_p++;
		v |= ev_shift();
	}
	return v;
}

static uint64_t eval(const char *expr)
{
	uint64_t v;

	ev_p = expr;
	v = ev_or();
	ev_ws();
	if (*ev_p)
		fail_msg("trailing text in \"%s\"", expr);
	return v;
}

/* Value of the object-like macro `name` in `src` (comments stripped). */
static bool define_value(const char *src, const char *name, uint64_t *v)
{
	size_t len = strlen(name);

	for (const char *p = src; (p = strstr(p, "#define ")) != NULL; p++) {
		const char *n = p + 8, *eol;
		char buf[128];

		if (strncmp(n, name, len) || !isspace((unsigned char)n[len]))
			continue;
		eol = strchr(n, '\n');
		if (!eol)
			eol = n + strlen(n);
		snprintf(buf, sizeof(buf), "%.*s", (int)(eol - n - len), n + len);
		*v = eval(buf);
		return true;
	}
	return false;
}

/* ---- The fake's headers against the real ones ---- */

static void test_sysreg_names_match_real(void **state)
{
	char *real = slurp(REAL_SYSREG_H);
	bool seen[FAKE_NREGS] = {false};
	unsigned nreal = 0;

	(void)state;
	strip_comments(real);
	for (char *line = strtok(real, "\n"); line; line = strtok(NULL, "\n")) {
		char kind[3], name[64];
		unsigned r;

		while (isspace((unsigned char)*line))
			line++;
		if (sscanf(line, "SYSREG_%2[ROW](%63[a-z0-9_],", kind, name) != 2)
			continue;
		nreal++;
		for (r = 0; r < FAKE_NREGS; r++)
			if (!strcmp(fake_reg_names[r], name))
				break;
		if (r == FAKE_NREGS)
			fail_msg("%s is in the real sysreg.h, not in the fake: add RO/RW(%s)", name,
				 name);
		if (fake_reg_writable[r] != !strcmp(kind, "RW"))
			fail_msg("%s is SYSREG_%s in the real sysreg.h, not in the fake", name,
				 kind);
		seen[r] = true;
	}
	for (unsigned r = 0; r < FAKE_NREGS; r++)
		if (!seen[r])
			fail_msg("the fake has %s, the real sysreg.h does not", fake_reg_names[r]);
	assert_int_equal(nreal, FAKE_NREGS);
	free(real);
}

/* The helpers beside the accessors: same names, id_field() the same code. */
static void test_sysreg_helpers_match_real(void **state)
{
	static const char *const helpers[] = {"isb", "dsb_sy",	"sev", "dcache_clean_poc_line",
					      "wfi", "id_field"};
	char *real = slurp(REAL_SYSREG_H), *fake = slurp(FAKE_SYSREG_H);
	char *a, *b;
	unsigned n = 0;

	(void)state;
	strip_comments(real);
	strip_comments(fake);
	/* Every static inline function outside the accessor macros is a helper we know. */
	for (const char *p = real; (p = strstr(p, "static inline")) != NULL; p++) {
		const char *eol = strchr(p, '\n'), *paren = strchr(p, '(');
		bool known = false;

		if (eol && eol[-1] == '\\')
			continue; /* inside SYSREG_RW/RO */
		for (unsigned i = 0; i < sizeof(helpers) / sizeof(helpers[0]); i++) {
			size_t len = strlen(helpers[i]);

			known |= paren && (size_t)(paren - p) > len &&
				 !strncmp(paren - len, helpers[i], len) &&
				 *(paren - len - 1) == ' ';
		}
		if (!known)
			fail_msg("the real sysreg.h has a helper the fake lacks: %.60s", p);
		n++;
	}
	assert_int_equal(n, sizeof(helpers) / sizeof(helpers[0]));
	a = function_text(real, "id_field");
	b = function_text(fake, "id_field");
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(real);
	free(fake);
}

static void test_frames_match_assembly(void **state)
{
	/* The real stub_arch.h is compiled here (only stub_self.h is faked):
	 * its frames must have the sizes the assembly lays out. */
	char *vec = slurp(STUB_VECTORS_S), *crash = slurp(CRASH_ENTRY_INC);
	uint64_t v;

	(void)state;
	assert_true(define_value(vec, "HS_FRAME_SIZE", &v));
	assert_int_equal(v, sizeof(struct hs_frame));
	assert_true(define_value(crash, "HS_CRASH_FRAME_SIZE", &v));
	assert_int_equal(v, sizeof(struct hs_exc_frame));
	assert_int_equal(offsetof(struct hs_frame, x30), sizeof(((struct hs_frame *)0)->x));
	free(vec);
	free(crash);
}

/* ---- The model's rules fire ---- */

static int setup(void **state)
{
	(void)state;
	fake_cpu_reset();
	return 0;
}

static void test_log_and_counts(void **state)
{
	(void)state;
	sysreg_hcr_el2_write(1);
	isb();
	sysreg_vbar_el2_write(0x800);
	dsb_sy();
	sysreg_vbar_el2_write(0x1000);
	assert_int_equal(fake_cpu.nlog, 5);
	assert_int_equal(fake_cpu.nwrites, 3);
	assert_int_equal(fake_cpu.nisb, 1);
	assert_int_equal(fake_cpu.ndsb, 1);
	assert_int_equal(fake_cpu.writes[FR_vbar_el2], 2);
	assert_int_equal(fake_log_find(FR_vbar_el2, 1), 4);
	assert_int_equal(fake_log_find(FR_vbar_el2, 2), -1);
	assert_true(fake_log_isb_between(0, 2));
	assert_false(fake_log_isb_between(2, 4));
	assert_int_equal(fake_last_write(FR_vbar_el2), 0x1000);
	assert_int_equal(sysreg_vbar_el2_read(), 0x1000);
	assert_int_equal(fake_cpu.reads[FR_vbar_el2], 1);
	assert_int_equal(id_field(0xabcdef0123456789ull, 32), 0x1);
	assert_int_equal(id_field(0xabcdef0123456789ull, 60), 0xa);
	assert_fake_ok();
}

static void test_e2h_res1(void **state)
{
	(void)state;
	fake_cpu.e2h_res1 = true;
	sysreg_hcr_el2_write(1ull << 31);
	assert_int_equal(sysreg_hcr_el2_read(), (1ull << 31) | (1ull << 34));
	fake_cpu.e2h_res1 = false;
	assert_int_equal(sysreg_hcr_el2_read(), 1ull << 31);
	assert_fake_ok();
}

static void test_gic_sre_raz(void **state)
{
	(void)state;
	fake_cpu.reg[FR_id_aa64pfr0_el1] = 1ull << 24;
	fake_cpu.gic_sre_raz = true;
	sysreg_icc_sre_el2_write(0x9);
	assert_int_equal(sysreg_icc_sre_el2_read(), 0x8);
	assert_fake_ok();
	sysreg_ich_hcr_el2_write(0); /* UNDEFINED with SRE 0 */
	assert_int_equal(fake_cpu.errors, 1);
	fake_cpu.gic_sre_raz = false;
	fake_cpu_clear_log();
	sysreg_ich_hcr_el2_write(0);
	assert_fake_ok();
	/* No GIC system registers at all. */
	fake_cpu.reg[FR_id_aa64pfr0_el1] = 0;
	(void)sysreg_icc_sre_el2_read();
	assert_int_equal(fake_cpu.errors, 1);
	assert_non_null(strstr(fake_cpu.first_error, "icc_sre_el2"));
}

static void test_sve_sme_rules(void **state)
{
	(void)state;
	/* No SVE: ZCR_EL2 is UNDEFINED. */
	sysreg_zcr_el2_write(0xf);
	assert_int_equal(fake_cpu.errors, 1);
	assert_non_null(strstr(fake_cpu.first_error, "UNDEFINED"));

	fake_cpu_reset();
	fake_cpu.reg[FR_id_aa64pfr0_el1] = 1ull << 32;
	fake_cpu.reg[FR_id_aa64pfr1_el1] = 1ull << 24;
	/* CPTR_EL2 before HCR_EL2: its layout is not known yet. */
	sysreg_cptr_el2_write(0x22ff);
	assert_int_equal(fake_cpu.errors, 1);
	fake_cpu_clear_log();
	sysreg_hcr_el2_write(1ull << 31);
	sysreg_cptr_el2_write(0x22ff); /* still no isb after HCR_EL2 */
	assert_int_equal(fake_cpu.errors, 1);
	fake_cpu_clear_log();
	isb();
	sysreg_cptr_el2_write(0x22ff);
	assert_fake_ok();
	/* The CPTR_EL2 write is not synchronised yet. */
	sysreg_zcr_el2_write(0xf);
	assert_int_equal(fake_cpu.errors, 1);
	assert_non_null(strstr(fake_cpu.first_error, "no isb"));
	fake_cpu_clear_log();
	isb();
	sysreg_zcr_el2_write(0xf);
	sysreg_smcr_el2_write(0xf);
	sysreg_smprimap_el2_write(0);
	assert_fake_ok();
	/* Trapped by TZ, TSM, TFP. */
	sysreg_cptr_el2_write(0x22ff | (1u << 8));
	isb();
	sysreg_zcr_el2_write(0xf);
	assert_int_equal(fake_cpu.errors, 1);
	sysreg_cptr_el2_write(0x22ff | (1u << 12));
	isb();
	sysreg_smcr_el2_write(0xf);
	assert_int_equal(fake_cpu.errors, 2);
	sysreg_cptr_el2_write(0x22ff | (1u << 10));
	isb();
	sysreg_zcr_el2_write(0xf);
	assert_int_equal(fake_cpu.errors, 3);
	/* E2H == 1: ZEN, SMEN, FPEN decide. */
	fake_cpu_clear_log();
	fake_cpu.e2h_res1 = true;
	sysreg_cptr_el2_write(3u << 20);
	isb();
	sysreg_zcr_el2_write(0xf);
	sysreg_smcr_el2_write(0xf);
	assert_int_equal(fake_cpu.errors, 2);
	fake_cpu_clear_log();
	sysreg_cptr_el2_write((3u << 20) | (3u << 16) | (3u << 24));
	isb();
	sysreg_zcr_el2_write(0xf);
	sysreg_smcr_el2_write(0xf);
	assert_fake_ok();
}

/* With E2H = 1, EL1 names reach EL2 registers and _el12 names the EL1 ones. */
static void test_e2h_redirection(void **state)
{
	(void)state;
	sysreg_sctlr_el1_write(0x1111);
	sysreg_cpacr_el1_write(0x2222);
	sysreg_tcr_el1_write(0x3333);
	assert_int_equal(fake_cpu.reg[FR_sctlr_el1], 0x1111);
	assert_int_equal(fake_cpu.reg[FR_cpacr_el1], 0x2222);
	assert_int_equal(fake_cpu.reg[FR_tcr_el1], 0x3333);
	assert_fake_ok();
	sysreg_sctlr_el12_write(0); /* UNDEFINED with E2H 0 */
	assert_int_equal(fake_cpu.errors, 1);
	assert_non_null(strstr(fake_cpu.first_error, "sctlr_el12"));

	fake_cpu_reset();
	sysreg_hcr_el2_write(1ull << 34);
	isb();
	sysreg_sctlr_el1_write(0x30c50830);
	assert_int_equal(fake_cpu.reg[FR_sctlr_el2], 0x30c50830);
	assert_int_equal(fake_cpu.writes[FR_sctlr_el1], 0);
	sysreg_sctlr_el12_write(0x30500800);
	assert_int_equal(fake_cpu.reg[FR_sctlr_el1], 0x30500800);
	assert_int_equal(sysreg_sctlr_el12_read(), 0x30500800);
	assert_int_equal(sysreg_sctlr_el1_read(), 0x30c50830);
	sysreg_tcr_el1_write(0x4444);
	assert_int_equal(fake_cpu.reg[FAKE_SHADOW(FR_tcr_el1)], 0x4444);
	assert_int_equal(fake_cpu.reg[FR_tcr_el1], 0);
	assert_int_equal(fake_last_write(FAKE_SHADOW(FR_tcr_el1)), 0x4444);
	assert_string_equal(fake_slot_name(FAKE_SHADOW(FR_tcr_el1)), "tcr_el1@EL2");
	sysreg_cpacr_el1_write(3u << 20); /* that is CPTR_EL2 now */
	assert_int_equal(fake_cpu.reg[FR_cptr_el2], 3u << 20);
	assert_fake_ok();
}

static void test_feature_gated_registers(void **state)
{
	static const enum fake_reg gated[] = {
	    FR_zcr_el2,	    FR_smcr_el2,    FR_smprimap_el2, FR_hcrx_el2,      FR_hfgrtr_el2,
	    FR_hfgwtr_el2,  FR_hfgitr_el2,  FR_hdfgrtr_el2,  FR_hdfgwtr_el2,   FR_hafgrtr_el2,
	    FR_icc_sre_el2, FR_ich_hcr_el2, FR_pmscr_el2,    FR_cnthv_ctl_el2, FR_pmcr_el0,
	};

	(void)state;
	/* A CPU with nothing: every one of them is UNDEFINED... */
	for (unsigned i = 0; i < sizeof(gated) / sizeof(gated[0]); i++) {
		fake_cpu_reset();
		(void)fake_sysreg_read(gated[i]);
		if (fake_cpu.errors != 1)
			fail_msg("%s readable on a CPU without it", fake_reg_names[gated[i]]);
	}
	/* ... and none is on a CPU with everything. */
	fake_cpu_reset();
	fake_cpu.reg[FR_id_aa64pfr0_el1] = (1ull << 32) | (1ull << 24) | (1ull << 44);
	fake_cpu.reg[FR_id_aa64pfr1_el1] = 1ull << 24;
	fake_cpu.reg[FR_id_aa64mmfr0_el1] = 1ull << 56;
	fake_cpu.reg[FR_id_aa64mmfr1_el1] = (1ull << 40) | (1ull << 8);
	fake_cpu.reg[FR_id_aa64dfr0_el1] = (1ull << 32) | (4ull << 8);
	fake_cpu.reg[FR_icc_sre_el2] = 1;
	for (unsigned i = 0; i < sizeof(gated) / sizeof(gated[0]); i++)
		(void)fake_sysreg_read(gated[i]);
	assert_fake_ok();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sysreg_names_match_real),
	    cmocka_unit_test(test_sysreg_helpers_match_real),
	    cmocka_unit_test(test_frames_match_assembly),
	    cmocka_unit_test_setup(test_log_and_counts, setup),
	    cmocka_unit_test_setup(test_e2h_res1, setup),
	    cmocka_unit_test_setup(test_gic_sre_raz, setup),
	    cmocka_unit_test_setup(test_sve_sme_rules, setup),
	    cmocka_unit_test_setup(test_e2h_redirection, setup),
	    cmocka_unit_test_setup(test_feature_gated_registers, setup),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("fake", tests, NULL, NULL);
}
