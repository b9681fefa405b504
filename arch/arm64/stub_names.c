// SPDX-License-Identifier: MIT
/*
 * AArch64 names for the crash report: vector slots and the register dump.
 * Packed strings (stub/names.c says why).
 */
#include "../../stub/stub.h"

const char *hs_vector_name(unsigned long vector, unsigned long el)
{
	static const char kinds[] = "synchronous\0IRQ\0FIQ\0SError";
	static const char origins[] = "current EL, SP_EL0\0current EL, SP_ELx\0"
				      "lower EL, AArch64\0lower EL, AArch32";

	(void)el; /* the slots are the same at every EL */

	hs_puts(hs_nth_string(kinds, (unsigned)(vector % 4), 4));
	hs_puts(", ");
	return hs_nth_string(origins, (unsigned)(vector / 4), 4);
}

unsigned hs_crash_class(const struct hs_exc_frame *f)
{
	return (unsigned)(f->esr >> 26) & 0x3f;
}

/*
 * The SP the interrupted code was using. The frame holds the SP the vector
 * ran on, SP_ELx of the EL the exception was taken to: code at a lower EL,
 * or on SP_EL0 (SPSR.M[0] = 0), had another one, still in its register.
 */
static uint64_t interrupted_sp(const struct hs_exc_frame *f, unsigned long el)
{
	unsigned long mode = f->spsr & 0x1f; /* SPSR.M[4:0] */

	if (mode & 0x10)
		return f->x[13]; /* AArch32: r13 is its SP */
	if (!(mode & 1))
		return sysreg_sp_el0_read(); /* EL0t, EL1t, EL2t */
	if (((mode >> 2) & 3) == el)
		return f->sp;	     /* ELxh at the EL taken to: the vector's SP */
	return sysreg_sp_el1_read(); /* EL1h, taken to EL2 */
}

/* Syndrome registers, then x0..x30, two a line. */
void hs_report_arch_regs(const struct hs_exc_frame *f, unsigned long el)
{
	static const char names[] = "ESR \0ELR \0FAR \0SPSR\0SP  ";
	/* The ESR_ELx names are the same at every EL. */
	const uint64_t values[] = {f->esr, f->elr, f->far, f->spsr, interrupted_sp(f, el)};

	for (unsigned i = 0; i < 5; i++) {
		hs_puts("  ");
		hs_puts(hs_nth_string(names, i, 5));
		hs_puts("  : ");
		hs_puthex(values[i]);
		hs_putc('\n');
	}
	hs_puts("  registers:");
	for (unsigned i = 0; i < 31; i++) {
		hs_puts(i % 2 ? "  x" : "\n  x");
		hs_putc((char)('0' + i / 10));
		hs_putc((char)('0' + i % 10));
		hs_puts(": ");
		hs_puthex(f->x[i]);
	}
	hs_putc('\n');
}

unsigned long hs_this_cpu_id(void)
{
	/* Affinity fields of MPIDR_EL1: Aff3 and Aff2..Aff0. */
	return (unsigned long)(sysreg_mpidr_el1_read() & 0xff00fffffful);
}
