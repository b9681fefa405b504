// SPDX-License-Identifier: MIT
/* The payload runtime's arm specifics: exception report, mode, SOFT_RESTART registers. */
#include <arch/psr.h>
#include <arch/rt_arch.h>
#include <arch/sysreg.h>
#include <hypstub/abi.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <stdio.h>

#include "../../stub/stub.h"

extern char rt_el2_trampoline[];

void arch_rt_print_exception(const struct hs_exc_frame *f, unsigned long vector)
{
	/* The PL1 slot names are the shim's (stub_names.c, el = 1). */
	printf("  vector %lu (%s), from mode 0x%02lx\n  FSR 0x%08lx ELR 0x%08lx FAR 0x%08lx SPSR "
	       "0x%08lx\n",
	       vector, hs_vector_name(vector, 1), (unsigned long)f->mode, (unsigned long)f->esr,
	       (unsigned long)f->elr, (unsigned long)f->far, (unsigned long)f->spsr);
}

unsigned rt_current_el(void)
{
	return (cpsr_read() & PSR_MODE_MASK) == PSR_MODE_HYP ? 2 : 1;
}

void rt_el2_expected_regs(unsigned long a0, unsigned long a1, unsigned long a2,
			  unsigned long want[3])
{
	/* AArch32's SOFT_RESTART moves nothing: r0..r2 as at the `hvc`. */
	(void)a1;
	(void)a2;
	want[0] = HVC_SOFT_RESTART;
	want[1] = (unsigned long)rt_el2_trampoline;
	want[2] = a0;
}
