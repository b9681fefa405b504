// SPDX-License-Identifier: MIT
/*
 * AArch64 names for the crash report: exception classes (ESR_ELx.EC),
 * vector slots, and the general-purpose register dump. The names are one
 * packed string indexed by walking it, not a pointer table, so the code
 * stays position-independent and small.
 */
#include "../../stub/stub.h"

/* ESR_ELx.EC 0x00..0x3c in order, empty for an unallocated class. */
static const char hs_ec_names[] = "unknown/undefined instruction\0" /* 0x00 */
				  "WFI/WFE trap\0"
				  "\0"
				  "cp15 MCR/MRC trap\0"
				  "cp15 MCRR/MRRC trap\0"
				  "cp14 MCR/MRC trap\0"
				  "cp14 LDC/STC trap\0"
				  "FP/SIMD/SVE trap\0"
				  "\0" /* 0x08 */
				  "PAuth trap\0"
				  "LD64B/ST64B trap\0"
				  "\0"
				  "cp14 MRRC trap\0"
				  "BTI fault\0"
				  "illegal state\0"
				  "\0"
				  "\0" /* 0x10 */
				  "SVC (AArch32)\0"
				  "HVC (AArch32)\0"
				  "SMC (AArch32)\0"
				  "\0"
				  "SVC (AArch64)\0"
				  "HVC (AArch64)\0"
				  "SMC (AArch64)\0"
				  "MSR/MRS/system insn trap\0" /* 0x18 */
				  "SVE trap\0"
				  "ERET trap\0"
				  "\0"
				  "PAuth failure\0"
				  "SME trap\0"
				  "\0"
				  "\0"
				  "instruction abort, lower EL\0" /* 0x20 */
				  "instruction abort, same EL\0"
				  "PC alignment\0"
				  "\0"
				  "data abort, lower EL\0"
				  "data abort, same EL\0"
				  "SP alignment\0"
				  "\0"
				  "FP exception (AArch32)\0" /* 0x28 */
				  "\0"
				  "\0"
				  "\0"
				  "FP exception (AArch64)\0"
				  "\0"
				  "\0"
				  "SError\0"
				  "breakpoint, lower EL\0" /* 0x30 */
				  "breakpoint, same EL\0"
				  "step, lower EL\0"
				  "step, same EL\0"
				  "watchpoint, lower EL\0"
				  "watchpoint, same EL\0"
				  "\0"
				  "\0"
				  "BKPT (AArch32)\0" /* 0x38 */
				  "\0"
				  "\0"
				  "\0"
				  "BRK (AArch64)";

static const char *hs_nth_string(const char *packed, unsigned n, unsigned count)
{
	if (n >= count)
		return "";
	while (n--)
		while (*packed++)
			;
	return packed;
}

const char *hs_exception_class_name(unsigned ec)
{
	const char *name = hs_nth_string(hs_ec_names, ec, 0x3d);

	return *name ? name : "unallocated class";
}

const char *hs_vector_name(unsigned long vector)
{
	static const char kinds[] = "synchronous\0IRQ\0FIQ\0SError";
	static const char origins[] = "current EL, SP_EL0\0current EL, SP_ELx\0"
				      "lower EL, AArch64\0lower EL, AArch32";

	hs_puts(hs_nth_string(kinds, (unsigned)(vector % 4), 4));
	hs_puts(", ");
	return hs_nth_string(origins, (unsigned)(vector / 4), 4);
}

unsigned hs_crash_class(const struct hs_exc_frame *f)
{
	return (unsigned)(f->esr >> 26) & 0x3f;
}

/* Syndrome registers, then x0..x30, two a line. */
void hs_report_arch_regs(const struct hs_exc_frame *f)
{
	static const char names[] = "ESR \0ELR \0FAR \0SPSR\0SP  ";
	const uint64_t values[] = {f->esr, f->elr, f->far, f->spsr, f->sp};

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
