// SPDX-License-Identifier: MIT
/*
 * The crash report: every unexpected exception at EL2 (and, in the shim,
 * at EL1 when there is no EL2) ends here. It says what happened, decoded,
 * and returns to the crash path, which gives the slow-path stack back and
 * stops the CPU: it never hangs silently.
 */
#include <arch/cpu.h>

#include "stub.h"

/*
 * A second fault while reporting must not loop: remember we are in here.
 * Only the CPU that holds the slow-path stack writes it (the crash path
 * clears it as it gives the stack back).
 */
volatile int hs_reporting;

void hs_report_crash(const struct hs_exc_frame *f, unsigned long vector, unsigned long el)
{
	if (!hs_reporting) {
		unsigned ec = hs_crash_class(f);

		hs_reporting = 1;
		hs_puts("\n*** hypstub: unexpected exception at ");
		hs_puts(el == 2 ? ARCH_EL2_NAME : ARCH_EL1_NAME);
		hs_puts(", CPU ");
		hs_puthex(hs_this_cpu_id());
		hs_puts(" ***\n  vector: ");
		hs_puts(hs_vector_name(vector, el));
		hs_puts("\n  class : ");
		hs_puthex(ec);
		hs_putc(' ');
		hs_puts(hs_exception_class_name(ec));
		hs_putc('\n');
		hs_report_arch_regs(f, el);
		hs_puts("*** hypstub: CPU stopped ***\n");
	}
}
