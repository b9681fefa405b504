// SPDX-License-Identifier: MIT
/*
 * AArch32 HYP names for the crash report: vector slots and the register
 * dump. Packed strings (stub/names.c says why).
 */
#include "../../stub/stub.h"

/* The same eight slots at HYP (HVBAR) and at PL1 (VBAR, the shim without HYP). */
const char *hs_vector_name(unsigned long vector, unsigned long el)
{
	static const char hyp[] = "not used in HYP mode\0"
				  "undefined instruction, in HYP mode\0"
				  "hypervisor call, in HYP mode\0"
				  "prefetch abort, in HYP mode\0"
				  "data abort, in HYP mode\0"
				  "HYP trap, from a lower mode\0"
				  "IRQ\0"
				  "FIQ";
	static const char pl1[] = "reset\0"
				  "undefined instruction\0"
				  "supervisor call\0"
				  "prefetch abort\0"
				  "data abort\0"
				  "not used\0"
				  "IRQ\0"
				  "FIQ";

	return hs_nth_string(el == 2 ? hyp : pl1, (unsigned)vector, 8);
}

unsigned hs_crash_class(const struct hs_exc_frame *f)
{
	return (unsigned)(f->esr >> 26) & 0x3f;
}

static void hs_report_line(const char *name, unsigned long value)
{
	hs_puts("  ");
	hs_puts(name);
	hs_puts(": ");
	hs_puthex(value);
	hs_putc('\n');
}

/* Syndrome registers, the interrupted mode, then r0..r12, sp, lr, two a line. */
void hs_report_arch_regs(const struct hs_exc_frame *f, unsigned long el)
{
	/* At PL1 the frame holds DFSR, DFAR, IFAR and IFSR in the same slots. */
	static const char hyp[] = "HSR     \0ELR_hyp \0SPSR_hyp\0HDFAR   \0HIFAR   \0HPFAR   "
				  "\0from    ";
	static const char pl1[] = "DFSR    \0ELR     \0SPSR    \0DFAR    \0IFAR    \0IFSR    "
				  "\0from    ";
	const unsigned long values[] = {f->esr,	 f->elr,   f->spsr, f->far,
					f->ifar, f->hpfar, f->mode};

	for (unsigned i = 0; i < 7; i++)
		hs_report_line(hs_nth_string(el == 2 ? hyp : pl1, i, 7), values[i]);
	hs_puts("  registers:");
	for (unsigned i = 0; i < 15; i++) {
		unsigned long v = i < 13 ? f->r[i] : i == 13 ? f->sp : f->lr;

		hs_puts(i % 2 ? "  " : "\n  ");
		if (i < 13) {
			hs_putc('r');
			hs_putc((char)('0' + i / 10));
			hs_putc((char)('0' + i % 10));
		} else {
			hs_puts(i == 13 ? "sp " : "lr ");
		}
		hs_puts(": ");
		hs_puthex(v);
	}
	hs_putc('\n');
}

unsigned long hs_this_cpu_id(void)
{
	/* Affinity fields of MPIDR: Aff2..Aff0. */
	return sysreg_mpidr_el1_read() & 0xfffffful;
}
