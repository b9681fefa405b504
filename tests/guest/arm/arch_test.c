// SPDX-License-Identifier: MIT
/* arm side of the conformance tests: PL1 system registers, alignment facts, fault address. */
#include <arch/sysreg.h>
#include <hypstub/rt.h>

#include "../arch_test.h"

const unsigned arch_test_nregs = 14; /* r0..r12, lr */
const unsigned arch_test_fp_words = 32;
const unsigned long arch_test_vectors_align = 32;

const char *arch_test_reg_name(unsigned i)
{
	static char name[4];

	if (i == 13)
		return "lr";
	name[0] = 'r';
	name[1] = i < 10 ? (char)('0' + i) : '1';
	name[2] = i < 10 ? '\0' : (char)('0' + i % 10);
	return name;
}

unsigned long arch_test_bad_entry(unsigned long good, uint64_t random)
{
	/* ARM code is word-aligned and an odd address is Thumb code: only
	 * binary ...10 is unusable. The random part moves it to other words. */
	return ((good + (unsigned long)(random % 64) * 4) & ~3ul) | 2;
}

uint64_t arch_test_pa_limit(void)
{
	return 0; /* 32-bit registers, HYP MMU off: every value is an address */
}

int arch_test_has_pmu(const char **why_not)
{
	unsigned perfmon = id_field(sysreg_id_dfr0_el1_read(), 24);

	*why_not = "no PMU (ID_DFR0.PerfMon)";
	return perfmon != 0 && perfmon != 0xf;
}

unsigned arch_test_boot_regs(unsigned long dtb, unsigned long want[4])
{
	want[0] = 0;
	want[1] = ~0ul; /* no machine type: the device tree says what this is */
	want[2] = dtb;
	return 3;
}

unsigned long arch_test_fault_address(void)
{
	/* Past the end of RAM: nothing decodes there on QEMU virt (32-bit). */
	return (unsigned long)(rt_platform.ram_base + rt_platform.ram_size) + 0x1230;
}

/* clang-format off */
#define PL1_SYSREGS(X) \
	X(sctlr_el1) X(tcr_el1) X(ttbr0_el1) X(ttbr1_el1) X(dacr) X(mair_el1) X(nmrr) \
	X(vbar_el1) X(cpacr_el1) X(tpidr_el1) X(tpidr_el0) X(tpidrro_el0) \
	X(contextidr_el1) X(esr_el1) X(ifsr) X(adfsr) X(aifsr) X(far_el1) X(ifar) \
	X(par_el1) X(cntkctl_el1) X(csselr_el1) X(sp_usr) X(lr_usr)
/* clang-format on */

void arch_sysregs_read(struct arch_sysregs *s)
{
	s->n = 0;
#define READ(name) s->value[s->n++] = sysreg_##name##_read();
	PL1_SYSREGS(READ)
#undef READ
}

const char *arch_sysreg_name(unsigned i)
{
	static const char *const names[] = {
#define NAME(name) #name,
	    PL1_SYSREGS(NAME)
#undef NAME
	};
	return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

void arch_sysregs_randomize(void)
{
	/* With the PL1 MMU off, translation registers hold values but do nothing.
	 * TTBCR keeps the short-descriptor format (EAE = 0). */
	sysreg_tcr_el1_write(rt_random() & 0x37ul);
	sysreg_ttbr0_el1_write(rt_random() & 0xffffc000ull);
	sysreg_ttbr1_el1_write(rt_random() & 0xffffc000ull);
	sysreg_dacr_write(rt_random());
	sysreg_mair_el1_write(rt_random());
	sysreg_nmrr_write(rt_random());
	sysreg_tpidr_el1_write(rt_random());
	sysreg_tpidr_el0_write(rt_random());
	sysreg_contextidr_el1_write(rt_random());
	sysreg_esr_el1_write(rt_random() & 0x140ful);
	sysreg_ifsr_write(rt_random() & 0x140ful);
	sysreg_far_el1_write(rt_random());
	sysreg_ifar_write(rt_random());
	sysreg_cntkctl_el1_write(rt_random() & 0x3ul);
	sysreg_csselr_el1_write(rt_random() & 0x1ul);
	sysreg_sp_usr_write(rt_random() & ~7ul);
	sysreg_lr_usr_write(rt_random());
	isb();
}
