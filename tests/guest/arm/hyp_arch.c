// SPDX-License-Identifier: MIT
/* The sample hypervisor's suite, AArch32 side. */
#include <arch/hyp_arch.h>
#include <arch/sysreg.h>

#include "../arch_hyp_test.h"

static const char *const names[] = {"HVBAR", "HSCTLR", "HMAIR0", "HMAIR1", "HTCR",
				    "HTTBR", "HTPIDR", "HCR",	 "VTCR",   "VTTBR"};

unsigned long arch_hyp_snapshot(unsigned long arg)
{
	struct arch_hyp_snap *s = (struct arch_hyp_snap *)arg;

	s->value[0] = sysreg_vbar_el2_read();
	s->value[1] = sysreg_sctlr_el2_read();
	s->value[2] = sysreg_mair_el2_read();
	s->value[3] = sysreg_mair1_el2_read();
	s->value[4] = sysreg_tcr_el2_read();
	s->value[5] = sysreg_ttbr0_el2_read();
	s->value[6] = sysreg_tpidr_el2_read();
	s->value[7] = sysreg_hcr_el2_read();
	s->value[8] = sysreg_vtcr_el2_read();
	s->value[9] = sysreg_vttbr_el2_read();
	s->n = 10;
	return 0;
}

const char *arch_hyp_snap_name(unsigned i)
{
	return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

unsigned long arch_hyp_expected_abort(int write, int permission, unsigned level)
{
	/* The payload runs with TTBCR.EAE = 0: short-descriptor DFSR, section or page. */
	unsigned long fs = permission ? (level == 3 ? 0xf : 0xd) : (level == 3 ? 0x7 : 0x5);

	return fs | (write ? 1ul << 11 : 0);
}

unsigned long arch_hyp_abort_status(const struct hs_exc_frame *f)
{
	/* FS[4] at bit 10, FS[3:0], WnR, and the LPAE bit (which must be 0 here). */
	return f->esr & (1ul << 11 | 1ul << 10 | 1ul << 9 | 0xf);
}

void arch_hyp_skip(struct hs_exc_frame *f)
{
	f->elr += 4;
}
