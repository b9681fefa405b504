// SPDX-License-Identifier: MIT
/* The payload runtime's arm64 specifics: exception report, EL, SOFT_RESTART registers. */
#include <arch/rt_arch.h>
#include <arch/sysreg.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <stdio.h>

#include "../../stub/stub.h"

void arch_rt_print_exception(const struct hs_exc_frame *f, unsigned long vector)
{
	unsigned ec = RT_ESR_CLASS(f->esr);

	printf("  vector %lu, class 0x%02x (%s)\n  ESR 0x%llx ELR 0x%llx FAR 0x%llx SPSR 0x%llx\n",
	       vector, ec, hs_exception_class_name(ec), (unsigned long long)f->esr,
	       (unsigned long long)f->elr, (unsigned long long)f->far, (unsigned long long)f->spsr);
}

unsigned rt_current_el(void)
{
	return (unsigned)(sysreg_currentel_read() >> 2) & 3;
}

void rt_el2_expected_regs(unsigned long a0, unsigned long a1, unsigned long a2,
			  unsigned long want[3])
{
	/* arm64's SOFT_RESTART moves x2..x4 into x0..x2. */
	want[0] = a0;
	want[1] = a1;
	want[2] = a2;
}
