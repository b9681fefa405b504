// SPDX-License-Identifier: MIT
/* The sample hypervisor's suite, AArch64 side. */
#include <arch/hyp_arch.h>
#include <arch/sysreg.h>

#include "../arch_hyp_test.h"

static const char *const names[] = {"VBAR_EL2",	 "SCTLR_EL2", "MAIR_EL2", "TCR_EL2",  "TTBR0_EL2",
				    "TPIDR_EL2", "HCR_EL2",   "VTCR_EL2", "VTTBR_EL2"};

unsigned long arch_hyp_snapshot(unsigned long arg)
{
	struct arch_hyp_snap *s = (struct arch_hyp_snap *)arg;

	s->value[0] = sysreg_vbar_el2_read();
	s->value[1] = sysreg_sctlr_el2_read();
	s->value[2] = sysreg_mair_el2_read();
	s->value[3] = sysreg_tcr_el2_read();
	s->value[4] = sysreg_ttbr0_el2_read();
	s->value[5] = sysreg_tpidr_el2_read();
	s->value[6] = sysreg_hcr_el2_read();
	s->value[7] = sysreg_vtcr_el2_read();
	s->value[8] = sysreg_vttbr_el2_read();
	s->n = 9;
	return 0;
}

const char *arch_hyp_snap_name(unsigned i)
{
	return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

unsigned long arch_hyp_expected_abort(int write, int permission, unsigned level)
{
	/* Data abort, same EL (0x25), 32-bit instruction, WnR, DFSC 0b0011LL or 0b0001LL. */
	return 0x25ul << 26 | 1ul << 25 | (write ? 1ul << 6 : 0) | (permission ? 0x0cul : 0x04ul) |
	       level;
}

unsigned long arch_hyp_abort_status(const struct hs_exc_frame *f)
{
	return f->esr & (0x3ful << 26 | 1ul << 25 | 1ul << 6 | 0x3f);
}

void arch_hyp_skip(struct hs_exc_frame *f)
{
	f->elr += 4;
}
