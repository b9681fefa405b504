// SPDX-License-Identifier: MIT
/* arm64 side of the conformance tests: EL1 system registers, EL, PA size. */
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <hypstub/rt.h>

#include "../arch_test.h"

const unsigned arch_test_nregs = 31;
const unsigned arch_test_fp_words = 64;
const unsigned long arch_test_vectors_align = 2048;

const char *arch_test_reg_name(unsigned i)
{
	static char name[4];

	name[0] = 'x';
	name[1] = (char)('0' + i / 10);
	name[2] = (char)('0' + i % 10);
	return name;
}

unsigned long arch_test_bad_entry(unsigned long good, uint64_t random)
{
	/* A64 code is word-aligned: any of the two low bits set is refused. */
	return good | (1 + random % 3);
}

int arch_test_has_pmu(const char **why_not)
{
	unsigned pmuver = id_field(sysreg_id_aa64dfr0_el1_read(), 8);

	*why_not = "no PMUv3 (ID_AA64DFR0_EL1.PMUVer)";
	return pmuver != 0 && pmuver != 0xf;
}

unsigned arch_test_boot_regs(unsigned long dtb, unsigned long want[4])
{
	want[0] = dtb;
	want[1] = want[2] = want[3] = 0;
	return 4;
}

unsigned long arch_test_fault_address(void)
{
	/* Beyond the physical address space: an address size fault. */
	return arch_pa_limit() + 0x1230;
}

/* clang-format off */
#define EL1_SYSREGS(X) \
	X(sctlr_el1) X(tcr_el1) X(ttbr0_el1) X(ttbr1_el1) X(mair_el1) X(amair_el1) \
	X(vbar_el1) X(cpacr_el1) X(tpidr_el1) X(tpidr_el0) X(tpidrro_el0) \
	X(contextidr_el1) X(sp_el0) X(elr_el1) X(spsr_el1) X(esr_el1) X(far_el1) \
	X(afsr0_el1) X(afsr1_el1) X(par_el1) X(cntkctl_el1) X(csselr_el1) X(mdscr_el1)
/* clang-format on */

void arch_sysregs_read(struct arch_sysregs *s)
{
	s->n = 0;
#define READ(name) s->value[s->n++] = sysreg_##name##_read();
	EL1_SYSREGS(READ)
#undef READ
}

const char *arch_sysreg_name(unsigned i)
{
	static const char *const names[] = {
#define NAME(name) #name,
	    EL1_SYSREGS(NAME)
#undef NAME
	};
	return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

void arch_sysregs_randomize(void)
{
	/* With the EL1 MMU off, translation registers hold values but do nothing. */
	sysreg_tcr_el1_write(rt_random() & 0x000000b5ff3fff3full);
	sysreg_ttbr0_el1_write(rt_random() & 0x0000fffffffff000ull);
	sysreg_ttbr1_el1_write(rt_random() & 0x0000fffffffff000ull);
	sysreg_mair_el1_write(rt_random());
	sysreg_amair_el1_write(rt_random());
	sysreg_tpidr_el1_write(rt_random());
	sysreg_tpidrro_el0_write(rt_random());
	sysreg_contextidr_el1_write(rt_random() & 0xffffffffull);
	sysreg_sp_el0_write(rt_random() & ~0xfull);
	sysreg_elr_el1_write(rt_random() & ~0x3ull);
	sysreg_spsr_el1_write(rt_random() & 0xf00003c5ull);
	sysreg_far_el1_write(rt_random());
	sysreg_afsr0_el1_write(rt_random() & 0xffffffffull);
	sysreg_afsr1_el1_write(rt_random() & 0xffffffffull);
	sysreg_par_el1_write(rt_random() & 0x0000fffffffff000ull);
	sysreg_cntkctl_el1_write(rt_random() & 0x3ull);
	sysreg_csselr_el1_write(rt_random() & 0x1ull);
	isb();
}

uint64_t arch_test_pa_limit(void)
{
	return arch_pa_limit();
}
